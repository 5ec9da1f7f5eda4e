package org.atalaya.web.api;

import io.javalin.http.Context;
import org.atalaya.core.library.Library;
import org.atalaya.core.recording.RecordingGap;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * Who may see and annotate which recording. Every role reads its tenant's recordings, except an
 * agent, who sees its own and the best-practices collection (for training). Another tenant's
 * recording, or one an agent may not see, is reported as absent rather than forbidden, so that
 * ids cannot be probed. Annotating (notes, tags, score, collections, shares) is for admins,
 * supervisors and QA analysts; auditors and client viewers read only.
 */
public final class RecordingAccess {

  /** A visible recording and who asked. */
  public record Visible(Principal principal, RecordingInfo recording) {}

  private final Authenticator auth;
  private final RecordingRepository recordings;
  private final Library library;

  public RecordingAccess(Authenticator auth, RecordingRepository recordings, Library library) {
    this.auth = auth;
    this.recordings = recordings;
    this.library = library;
  }

  public Principal principal(Context ctx) {
    return auth.require(ctx);
  }

  /** The recording of the {@code id} path parameter if this user may see it; 404 otherwise. */
  public Visible find(Context ctx) {
    Principal p = auth.require(ctx);
    RecordingInfo r = recordings.byId(p.tenantId(), ctx.pathParam("id"))
        .filter(rec -> rec.status() != RecordingInfo.Status.DELETED)
        .filter(rec -> p.canSee(rec.agentExtension())
            || library.inCollection(p.tenantId(), rec.id(), Library.BEST_PRACTICES))
        .orElseThrow(() -> ApiException.notFound("recording"));
    return new Visible(p, r);
  }

  /** The gaps (paused, sensitive, stopped) of a visible recording. */
  public java.util.List<RecordingGap> gaps(RecordingInfo r) {
    return recordings.gaps(r.tenantId(), r.id());
  }

  /** As {@link #find}, and the user may annotate: 403 for other roles (checked first). */
  public Visible annotate(Context ctx) {
    requireAnnotator(auth.require(ctx));
    return find(ctx);
  }

  /** 403 unless the user may annotate recordings and manage their shares. */
  static void requireAnnotator(Principal p) {
    p.requireRole(Role.ADMIN, Role.SUPERVISOR, Role.QA_ANALYST);
  }
}
