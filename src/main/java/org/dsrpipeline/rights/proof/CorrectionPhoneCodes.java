package org.dsrpipeline.rights.proof;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.notify.sms.SmsOutbox;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.security.DeploymentSecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time codes that prove the new phone of a rectification's correction like a new identity: the DPO has a code
 * texted to the new number (the phone codes' rules: 6 digits, only an HMAC stored, validity, resend interval, wrong
 * tries), the requester sends it back (for example by replying from their confirmed email address), and the DPO
 * enters it with the decision. Codes live in {@code dsr_phone_code}; the text goes through the SMS outbox. The
 * caller holds the request's
 * lock. The evidence names the code's id and the correction, never the code or the number.
 * <p>The codes are those of {@code dsr_phone_code}, told apart by the number they were texted to: a code texted to a
 * number and sent back proves that number, whichever flow sent it ({@code PhoneProof} takes only codes texted to the
 * request's own phone).
 */
@Service
public class CorrectionPhoneCodes {

  /** What entering a code did; {@code triesLeft} only for WRONG_CODE. */
  public record Entry(Status status, int triesLeft, String message) {

    public enum Status { PROVEN, WRONG_CODE, CODE_DEAD, CODE_EXPIRED, NO_CODE }

    public boolean proven() {
      return status == Status.PROVEN;
    }
  }

  private final JdbcTemplate jdbc;
  private final SmsOutbox texts;
  private final org.dsrpipeline.audit.AuditTrail audit;
  private final OneTimeCodes codes;
  private final PhoneProofProperties rules;
  private final Clock clock;

  @Autowired
  CorrectionPhoneCodes(JdbcTemplate jdbc, SmsOutbox texts, org.dsrpipeline.audit.AuditTrail audit, DeploymentSecrets secrets,
      PhoneProofProperties rules, Clock clock) {
    this.jdbc = jdbc;
    this.texts = texts;
    this.audit = audit;
    this.codes = new OneTimeCodes(rules, secrets::pseudonymKey);
    this.rules = rules;
    this.clock = clock;
  }

  /** Texts a new code to {@code phone} (E.164), the new value of correction {@code index} (0-based). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void send(DataSubjectRequest request, int index, String phone, String dpoUser) {
    var now = clock.instant();
    var wait = latest(request.id(), phone).flatMap(last -> codes.waitBeforeNext(last.issuedAt(), now));
    if (wait.isPresent()) {
      throw new PhoneCodeTooSoon(wait.get());
    }
    jdbc.update("update dsr_phone_code set status = 'REPLACED' where request_id = ? and phone = ? and status = 'ACTIVE'",
        request.id(), phone);
    var code = codes.newCode();
    var expires = codes.expiry(now);
    jdbc.update("insert into dsr_phone_code (request_id, phone, code_hash, issued_at, expires_at, wrong_tries, status) "
        + "values (?, ?, ?, ?, ?, 0, 'ACTIVE')", request.id(), phone, codes.hash(request.id(), code),
        Timestamp.from(now), Timestamp.from(expires));
    long codeId = latest(request.id(), phone).orElseThrow().id();
    var minutes = rules.codeValidity().toMinutes();
    texts.queue(request.id(), codeId, phone, "el".equals(request.language())
        ? "Κωδικός " + code + " για το νέο σας τηλέφωνο, αίτημα " + request.reference() + ": απαντήστε με αυτόν "
            + "στο email μας. Ισχύει " + minutes + " λεπτά."
        : "Code " + code + " for your new phone, request " + request.reference() + ": reply to our email with it. "
            + "Valid for " + minutes + " minutes.", expires);
    audit.record(request.id(), dpoUser, AuditAction.PHONE_CODE_ISSUED, "One-time code " + codeId
        + " for the new phone of correction " + (index + 1) + " issued and queued as a text; valid until " + expires,
        null);
  }

  /** Checks the code the requester sent back, as the DPO enters it for correction {@code index}; a wrong one counts. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Entry enter(DataSubjectRequest request, int index, String phone, String given, String dpoUser) {
    var typed = given == null ? "" : given.replaceAll("\\s", "");
    if (!OneTimeCodes.FORMAT.matcher(typed).matches()) {
      return new Entry(Entry.Status.WRONG_CODE, 0, "The code is the 6 digits texted to the new number.");
    }
    var latest = latest(request.id(), phone);
    if (latest.isEmpty()) {
      return new Entry(Entry.Status.NO_CODE, 0, "No code was texted to the new number yet: send one first.");
    }
    var code = latest.get();
    var verdict = codes.check(code, typed, clock.instant());
    return switch (verdict.kind()) {
      case PROVEN -> {
        jdbc.update("update dsr_phone_code set status = 'USED' where id = ?", code.id());
        audit.record(request.id(), dpoUser, AuditAction.PHONE_PROVEN, "The new phone of correction "
            + (index + 1) + " was proven by one-time code " + code.id() + " sent by text and sent back by the "
            + "requester", null);
        yield new Entry(Entry.Status.PROVEN, 0, "The new phone is proven.");
      }
      case WRONG -> {
        jdbc.update("update dsr_phone_code set wrong_tries = wrong_tries + 1 where id = ?", code.id());
        rejected(request, code, index, dpoUser, "wrong; " + verdict.triesLeft() + " tries left");
        yield new Entry(Entry.Status.WRONG_CODE, verdict.triesLeft(), "That code is not right; "
            + verdict.triesLeft() + (verdict.triesLeft() == 1 ? " try" : " tries") + " left.");
      }
      case EXPIRED -> {
        rejected(request, code, index, dpoUser, "entered after it expired");
        yield new Entry(Entry.Status.CODE_EXPIRED, 0, "That code has expired: send a new one.");
      }
      case DEAD -> {
        if (code.status() == PhoneCode.Status.ACTIVE) {
          jdbc.update("update dsr_phone_code set wrong_tries = wrong_tries + 1, status = 'DEAD' where id = ?",
              code.id());
        }
        rejected(request, code, index, dpoUser, "no longer valid");
        yield new Entry(Entry.Status.CODE_DEAD, 0, "That code can no longer be used: send a new one.");
      }
    };
  }

  private void rejected(DataSubjectRequest request, PhoneCode code, int index, String dpoUser, String what) {
    audit.record(request.id(), dpoUser, AuditAction.PHONE_CODE_REJECTED, "Code " + code.id()
        + " for the new phone of correction " + (index + 1) + " " + what, null);
  }

  private Optional<PhoneCode> latest(long requestId, String phone) {
    return jdbc.query("select * from dsr_phone_code where request_id = ? and phone = ? order by issued_at desc, id desc",
        PhoneProof::code, requestId, phone).stream().findFirst();
  }
}
