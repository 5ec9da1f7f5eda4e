package org.atalaya.sip.jain;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.List;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The stack's message factory, but every response it makes carries {@link SipReasons}' phrase. */
final class StandardMessageFactory extends MessageFactoryImpl {
  @Override
  public Response createResponse(int statusCode, Request request) throws ParseException {
    return standard(super.createResponse(statusCode, request));
  }

  @Override
  public Response createResponse(int statusCode, Request request, ContentTypeHeader contentType, Object content)
      throws ParseException {
    return standard(super.createResponse(statusCode, request, contentType, content));
  }

  @Override
  public Response createResponse(int statusCode, Request request, ContentTypeHeader contentType, byte[] content)
      throws ParseException {
    return standard(super.createResponse(statusCode, request, contentType, content));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response createResponse(int statusCode, CallIdHeader callId, CSeqHeader cSeq, FromHeader from, ToHeader to,
      List via, MaxForwardsHeader maxForwards) throws ParseException {
    return standard(super.createResponse(statusCode, callId, cSeq, from, to, via, maxForwards));
  }

  private static Response standard(Response response) throws ParseException {
    response.setReasonPhrase(SipReasons.of(response.getStatusCode()));
    return response;
  }
}
