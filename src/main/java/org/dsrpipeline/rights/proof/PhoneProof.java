package org.dsrpipeline.rights.proof;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.notify.sms.SmsOutbox;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.security.DeploymentSecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proves the request's phone, so that a phone typed by someone who controls only an email never finds
 * another person's data: by a one-time code sent by text to that phone, entered behind the requester's
 * status link, or by the DPO's confirmation. A code is sent only once the email is confirmed. Audit
 * events never hold the code or the number.
 */
@Service
public class PhoneProof {

  private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d\\s().\\-/]{4,}\\d");

  /** What asking for a code did. */
  public enum SendStatus { SENT, ALREADY_PROVEN }

  /** What entering a code did; {@code triesLeft} for WRONG_CODE only. */
  public record Entry(Status status, int triesLeft, String message) {

    public enum Status { PROVEN, ALREADY_PROVEN, WRONG_CODE, CODE_DEAD, CODE_EXPIRED, NO_CODE }

    public boolean proven() {
      return status == Status.PROVEN || status == Status.ALREADY_PROVEN;
    }
  }

  /** How the phone was proven: SMS (by the requester) or DPO. */
  public record ProvenPhone(String phone, String method, String provenBy, Instant provenAt) {
  }

  private final DataSubjectRequestRepository requests;
  private final JdbcTemplate jdbc;
  private final SmsOutbox texts;
  private final AuditTrail audit;
  private final OneTimeCodes codes;
  private final PhoneProofProperties rules;
  private final Clock clock;

  @Autowired
  PhoneProof(DataSubjectRequestRepository requests, JdbcTemplate jdbc, SmsOutbox texts, AuditTrail audit,
      DeploymentSecrets secrets, PhoneProofProperties rules, Clock clock) {
    this(requests, jdbc, texts, audit, new OneTimeCodes(rules, secrets::pseudonymKey), rules, clock);
  }

  PhoneProof(DataSubjectRequestRepository requests, JdbcTemplate jdbc, SmsOutbox texts, AuditTrail audit,
      OneTimeCodes codes, PhoneProofProperties rules, Clock clock) {
    this.requests = requests;
    this.jdbc = jdbc;
    this.texts = texts;
    this.audit = audit;
    this.codes = codes;
    this.rules = rules;
    this.clock = clock;
  }

  /** Issues a new code and queues its text (sent after commit). */
  @Transactional
  public SendStatus send(String reference) {
    var request = lockedRequest(reference);
    if (request.identityVerifiedAt() == null) {
      throw new PhoneProofRefused("Confirm your email first (press the button in the email we sent you); "
          + "a code can be sent to your phone after that");
    }
    if (request.phone() == null) {
      throw new PhoneProofRefused("This request has no phone number to prove");
    }
    if (request.closedAt() != null) {
      throw new PhoneProofRefused("This request is closed");
    }
    if (provenPhone(request).isPresent()) {
      return SendStatus.ALREADY_PROVEN;
    }
    var now = clock.instant();
    var wait = latestCode(request).flatMap(last -> codes.waitBeforeNext(last.issuedAt(), now));
    if (wait.isPresent()) {
      throw new PhoneCodeTooSoon(wait.get());
    }
    jdbc.update("update dsr_phone_code set status = 'REPLACED' where request_id = ? and phone = ? and status = 'ACTIVE'",
        request.id(), request.phone());
    var code = codes.newCode();
    var expires = codes.expiry(now);
    jdbc.update("insert into dsr_phone_code (request_id, phone, code_hash, issued_at, expires_at, wrong_tries, status) "
        + "values (?, ?, ?, ?, ?, 0, 'ACTIVE')", request.id(), request.phone(), codes.hash(request.id(), code),
        Timestamp.from(now), Timestamp.from(expires));
    long codeId = latestCode(request).orElseThrow().id();
    texts.queue(request.id(), codeId, request.phone(), text(request, code), expires);
    audit.record(request.id(), AuditTrail.REQUESTER, AuditAction.PHONE_CODE_ISSUED, "One-time code " + codeId
        + " for the request's phone issued and queued as a text; valid until " + expires, null);
    return SendStatus.SENT;
  }

  /** Checks a code typed by the requester; a wrong one counts, and so dies after the last allowed try. */
  @Transactional
  public Entry enter(String reference, String given) {
    var request = lockedRequest(reference);
    if (provenPhone(request).isPresent()) {
      return new Entry(Entry.Status.ALREADY_PROVEN, 0, "Your phone is already proven");
    }
    var typed = given == null ? "" : given.replaceAll("\\s", "");
    if (!OneTimeCodes.FORMAT.matcher(typed).matches()) {
      throw new PhoneProofRefused("code: must be the 6 digits of the text we sent you");
    }
    var latest = latestCode(request);
    if (latest.isEmpty()) {
      return new Entry(Entry.Status.NO_CODE, 0, "No code was sent for this request yet; ask for one first");
    }
    var code = latest.get();
    var verdict = codes.check(code, typed, clock.instant());
    switch (verdict.kind()) {
      case PROVEN -> {
        jdbc.update("update dsr_phone_code set status = 'USED' where id = ?", code.id());
        prove(request, "SMS", AuditTrail.REQUESTER, null);
        audit.record(request.id(), AuditTrail.REQUESTER, AuditAction.PHONE_PROVEN,
            "The request's phone was proven by one-time code " + code.id() + " sent by text", null);
        return new Entry(Entry.Status.PROVEN, 0, "Your phone is proven");
      }
      case WRONG -> {
        jdbc.update("update dsr_phone_code set wrong_tries = wrong_tries + 1 where id = ?", code.id());
        rejected(request, code, "wrong; " + verdict.triesLeft() + " tries left");
        return new Entry(Entry.Status.WRONG_CODE, verdict.triesLeft(), "That code is not right; "
            + verdict.triesLeft() + (verdict.triesLeft() == 1 ? " try" : " tries") + " left");
      }
      case EXPIRED -> {
        rejected(request, code, "entered after it expired");
        return new Entry(Entry.Status.CODE_EXPIRED, 0, "That code has expired; ask for a new one");
      }
      default -> {
        if (code.status() == PhoneCode.Status.ACTIVE) {
          jdbc.update("update dsr_phone_code set wrong_tries = wrong_tries + 1, status = 'DEAD' where id = ?", code.id());
          rejected(request, code, "wrong for the " + rules.maxWrongTries() + "th time; the code is dead");
        } else {
          rejected(request, code, "entered, but the code is no longer valid (" + code.status() + ")");
        }
        return new Entry(Entry.Status.CODE_DEAD, 0, "That code can no longer be used; ask for a new one");
      }
    }
  }

  /** The DPO confirms the phone instead of a code (checked by other means: a call back, a document). */
  @Transactional
  public boolean confirmByDpo(String reference, String dpoUser, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new PhoneProofRefused("reason: say how the phone was confirmed");
    }
    if (reason.length() > 1000) {
      throw new PhoneProofRefused("reason: at most 1000 characters");
    }
    var request = lockedRequest(reference);
    if (request.phone() == null) {
      throw new PhoneProofRefused("This request has no phone number to confirm");
    }
    if (provenPhone(request).isPresent()) {
      return false;
    }
    var said = NUMBER.matcher(reason.strip()).replaceAll("<number>");
    prove(request, "DPO", dpoUser, said);
    audit.record(request.id(), dpoUser, AuditAction.PHONE_PROVEN,
        "The DPO confirmed the request's phone: " + (said.length() > 400 ? said.substring(0, 400) + "..." : said), null);
    return true;
  }

  /** The proof of the request's phone, if it proves the phone the request holds now. */
  @Transactional(readOnly = true)
  public Optional<ProvenPhone> provenPhone(DataSubjectRequest request) {
    if (request.phone() == null) {
      return Optional.empty();
    }
    return jdbc.query("select phone, method, proven_by, proven_at from dsr_phone_proof where request_id = ?",
        (rs, n) -> new ProvenPhone(rs.getString("phone"), rs.getString("method"), rs.getString("proven_by"),
            rs.getTimestamp("proven_at").toInstant()), request.id())
        .stream().filter(p -> p.phone().equals(request.phone())).findFirst();
  }

  private void prove(DataSubjectRequest request, String method, String by, String reason) {
    jdbc.update("insert into dsr_phone_proof (request_id, phone, method, proven_by, reason, proven_at) "
        + "values (?, ?, ?, ?, ?, ?)", request.id(), request.phone(), method, by, reason,
        Timestamp.from(clock.instant()));
  }

  private void rejected(DataSubjectRequest request, PhoneCode code, String what) {
    audit.record(request.id(), AuditTrail.REQUESTER, AuditAction.PHONE_CODE_REJECTED,
        "Phone code " + code.id() + " " + what, null);
  }

  private DataSubjectRequest lockedRequest(String reference) {
    var request = requests.findByReference(reference)
        .orElseThrow(() -> new PhoneProofRefused("No request " + reference));
    // one code operation per request at a time: the resend interval and the try count hold under races
    jdbc.queryForList("select id from dsr_request where id = ? for update", Long.class, request.id());
    return request;
  }

  /** The latest code texted to the request's own phone (a correction's new phone has codes of its own). */
  private Optional<PhoneCode> latestCode(DataSubjectRequest request) {
    if (request.phone() == null) {
      return Optional.empty();
    }
    return jdbc.query("select * from dsr_phone_code where request_id = ? and phone = ? order by issued_at desc, id desc",
        PhoneProof::code, request.id(), request.phone()).stream().findFirst();
  }

  static PhoneCode code(ResultSet rs, int row) throws SQLException {
    return new PhoneCode(rs.getLong("id"), rs.getLong("request_id"), rs.getString("phone"), rs.getString("code_hash"),
        rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("expires_at").toInstant(), rs.getInt("wrong_tries"),
        PhoneCode.Status.valueOf(rs.getString("status")));
  }

  private String text(DataSubjectRequest request, String code) {
    var minutes = rules.codeValidity().toMinutes();
    return "el".equals(request.language())
        ? "Κωδικός " + code + " για το αίτημα " + request.reference() + ". Ισχύει " + minutes + " λεπτά."
        : "Code " + code + " for request " + request.reference() + ". Valid for " + minutes + " minutes.";
  }
}
