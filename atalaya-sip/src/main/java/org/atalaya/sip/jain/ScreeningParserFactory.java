package org.atalaya.sip.jain;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** Gives the stack the {@link ScreeningMessageParser} (named in the stack's properties, so public). */
public final class ScreeningParserFactory implements MessageParserFactory {
  private static final ScreeningMessageParser PARSER = new ScreeningMessageParser();

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    return PARSER;
  }
}
