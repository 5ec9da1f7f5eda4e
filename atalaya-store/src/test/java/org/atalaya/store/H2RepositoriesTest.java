package org.atalaya.store;

import java.util.UUID;
import org.atalaya.core.agents.AgentRepository;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.ivr.IvrRepository;
import org.atalaya.core.library.LibraryRepository;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.core.recording.policy.PolicyRepository;
import org.atalaya.core.routing.AgentActivityRepository;
import org.atalaya.core.users.UserRepository;
import org.atalaya.store.agents.AgentRepositoryContract;
import org.atalaya.store.agents.JdbiAgentRepository;
import org.atalaya.store.audit.AuditLogContract;
import org.atalaya.store.audit.JdbiAuditLog;
import org.atalaya.store.calls.CallRecordRepositoryContract;
import org.atalaya.store.calls.JdbiCallRecordRepository;
import org.atalaya.store.ivr.IvrRepositoryContract;
import org.atalaya.store.ivr.JdbiIvrRepository;
import org.atalaya.store.library.JdbiLibraryRepository;
import org.atalaya.store.library.LibraryRepositoryContract;
import org.atalaya.store.policy.JdbiPolicyRepository;
import org.atalaya.store.policy.PolicyRepositoryContract;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.atalaya.store.recording.RecordingRepositoryContract;
import org.atalaya.store.routing.AgentActivityRepositoryContract;
import org.atalaya.store.routing.JdbiAgentActivityRepository;
import org.atalaya.store.users.JdbiUserRepository;
import org.atalaya.store.users.UserRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The repository contracts against a fresh in-memory H2 database per test. */
class H2RepositoriesTest implements AgentRepositoryContract, UserRepositoryContract, CallRecordRepositoryContract,
    RecordingRepositoryContract, AuditLogContract,
    PolicyRepositoryContract, LibraryRepositoryContract,
    IvrRepositoryContract, AgentActivityRepositoryContract {
  private Database db;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @AfterEach
  void close() throws Exception {
    // DB_CLOSE_DELAY=-1 keeps the in-memory database past its last connection: drop it explicitly.
    var c = db.dataSource().getConnection();
    c.createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Override
  public AgentRepository agents() {
    return new JdbiAgentRepository(db.jdbi());
  }

  @Override
  public UserRepository users() {
    return new JdbiUserRepository(db.jdbi());
  }

  @Override
  public CallRecordRepository calls() {
    return new JdbiCallRecordRepository(db.jdbi());
  }

  @Override
  public RecordingRepository recordings() {
    return new JdbiRecordingRepository(db.jdbi());
  }

  private AuditLog auditLog;

  // synchronized: the concurrency contract calls this from eight threads at once, and two
  // instances would be two writers, which the log's one-writer-per-node lock does not cover.
  @Override
  public synchronized AuditLog audit() {
    if (auditLog == null) {
      auditLog = new JdbiAuditLog(db.jdbi());
    }
    return auditLog;
  }

  @Override
  public org.jdbi.v3.core.Jdbi rawJdbi() {
    return db.jdbi();
  }

  @Override
  public PolicyRepository policies() {
    return new JdbiPolicyRepository(db.jdbi());
  }

  @Override
  public IvrRepository ivr() {
    return new JdbiIvrRepository(db.jdbi());
  }

  @Override
  public AgentActivityRepository activity() {
    return new JdbiAgentActivityRepository(db.jdbi());
  }

  @Override
  public LibraryRepository library() {
    return new JdbiLibraryRepository(db.jdbi());
  }
}
