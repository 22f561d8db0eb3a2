package org.dsrpipeline.rights.proof;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.notify.Outbox;
import org.dsrpipeline.notify.sms.SmsOutbox;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.security.DeploymentSecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time codes that prove the new phone or email of a rectification's correction like a new identity: the DPO has
 * a code sent to the new value (texted to a phone, emailed to an address; the phone codes' rules: 6 digits, only an
 * HMAC stored, validity, resend interval, wrong tries), the requester sends it back (for example by replying from
 * their confirmed email address), and the DPO enters it with the decision. Codes live in {@code dsr_phone_code}
 * (its {@code phone} column holds the address the code went to); texts go through the SMS outbox, emails through the
 * outbox. The caller holds the request's lock. The evidence names the code's id and the correction, never the code
 * or the address.
 * <p>The codes are those of {@code dsr_phone_code}, told apart by the number they were texted to: a code texted to a
 * number and sent back proves that number, whichever flow sent it ({@code PhoneProof} takes only codes texted to the
 * request's own address).
 */
@Service
public class CorrectionCodes {

  /** What entering a code did; {@code triesLeft} only for WRONG_CODE. */
  public record Entry(Status status, int triesLeft, String message) {

    public enum Status { PROVEN, WRONG_CODE, CODE_DEAD, CODE_EXPIRED, NO_CODE }

    public boolean proven() {
      return status == Status.PROVEN;
    }
  }

  private final JdbcTemplate jdbc;
  private final SmsOutbox texts;
  private final Outbox emails;
  private final AuditTrail audit;
  private final OneTimeCodes codes;
  private final PhoneProofProperties rules;
  private final Clock clock;

  @Autowired
  CorrectionCodes(JdbcTemplate jdbc, SmsOutbox texts, Outbox emails, AuditTrail audit, DeploymentSecrets secrets,
      PhoneProofProperties rules, Clock clock) {
    this.jdbc = jdbc;
    this.texts = texts;
    this.emails = emails;
    this.audit = audit;
    this.codes = new OneTimeCodes(rules, secrets::pseudonymKey);
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * Sends a new code to {@code address}, the new value of correction {@code index} (0-based): texted to a phone
   * (E.164), emailed to an email address (lower-cased).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void send(DataSubjectRequest request, int index, String address, String dpoUser) {
    var now = clock.instant();
    var wait = latest(request.id(), address).flatMap(last -> codes.waitBeforeNext(last.issuedAt(), now));
    if (wait.isPresent()) {
      throw new PhoneCodeTooSoon(wait.get());
    }
    jdbc.update("update dsr_phone_code set status = 'REPLACED' where request_id = ? and phone = ? and status = 'ACTIVE'",
        request.id(), address);
    var code = codes.newCode();
    var expires = codes.expiry(now);
    jdbc.update("insert into dsr_phone_code (request_id, phone, code_hash, issued_at, expires_at, wrong_tries, status) "
        + "values (?, ?, ?, ?, ?, 0, 'ACTIVE')", request.id(), address, codes.hash(request.id(), code),
        Timestamp.from(now), Timestamp.from(expires));
    long codeId = latest(request.id(), address).orElseThrow().id();
    var minutes = rules.codeValidity().toMinutes();
    if (isEmail(address)) {
      emails.queue(request.id(), address, request.language(), "correction-code", Map.of("code", code, "reference",
          request.reference(), "minutes", minutes));
      audit.record(request.id(), dpoUser, AuditAction.PHONE_CODE_ISSUED, "One-time code " + codeId
          + " for the new email of correction " + (index + 1) + " issued and queued as an email; valid until "
          + expires, null);
      return;
    }
    texts.queue(request.id(), codeId, address, "el".equals(request.language())
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
  public Entry enter(DataSubjectRequest request, int index, String address, String given, String dpoUser) {
    var what = isEmail(address) ? "email" : "phone";
    var typed = given == null ? "" : given.replaceAll("\\s", "");
    if (!OneTimeCodes.FORMAT.matcher(typed).matches()) {
      return new Entry(Entry.Status.WRONG_CODE, 0, "The code is the 6 digits sent to the new " + what + ".");
    }
    var latest = latest(request.id(), address);
    if (latest.isEmpty()) {
      return new Entry(Entry.Status.NO_CODE, 0, "No code was sent to the new " + what + " yet: send one first.");
    }
    var code = latest.get();
    var verdict = codes.check(code, typed, clock.instant());
    return switch (verdict.kind()) {
      case PROVEN -> {
        jdbc.update("update dsr_phone_code set status = 'USED' where id = ?", code.id());
        audit.record(request.id(), dpoUser, AuditAction.PHONE_PROVEN, "The new " + what + " of correction "
            + (index + 1) + " was proven by one-time code " + code.id() + " sent by " + (isEmail(address) ? "email"
            : "text") + " and sent back by the requester", null);
        yield new Entry(Entry.Status.PROVEN, 0, "The new " + what + " is proven.");
      }
      case WRONG -> {
        jdbc.update("update dsr_phone_code set wrong_tries = wrong_tries + 1 where id = ?", code.id());
        rejected(request, code, index, dpoUser, what, "wrong; " + verdict.triesLeft() + " tries left");
        yield new Entry(Entry.Status.WRONG_CODE, verdict.triesLeft(), "That code is not right; "
            + verdict.triesLeft() + (verdict.triesLeft() == 1 ? " try" : " tries") + " left.");
      }
      case EXPIRED -> {
        rejected(request, code, index, dpoUser, what, "entered after it expired");
        yield new Entry(Entry.Status.CODE_EXPIRED, 0, "That code has expired: send a new one.");
      }
      case DEAD -> {
        if (code.status() == PhoneCode.Status.ACTIVE) {
          jdbc.update("update dsr_phone_code set wrong_tries = wrong_tries + 1, status = 'DEAD' where id = ?",
              code.id());
        }
        rejected(request, code, index, dpoUser, what, "no longer valid");
        yield new Entry(Entry.Status.CODE_DEAD, 0, "That code can no longer be used: send a new one.");
      }
    };
  }

  private void rejected(DataSubjectRequest request, PhoneCode code, int index, String dpoUser, String what,
      String how) {
    audit.record(request.id(), dpoUser, AuditAction.PHONE_CODE_REJECTED, "Code " + code.id()
        + " for the new " + what + " of correction " + (index + 1) + " " + how, null);
  }

  private static boolean isEmail(String address) {
    return address.contains("@");
  }

  private Optional<PhoneCode> latest(long requestId, String address) {
    return jdbc.query("select * from dsr_phone_code where request_id = ? and phone = ? order by issued_at desc, id desc",
        PhoneProof::code, requestId, address).stream().findFirst();
  }
}
