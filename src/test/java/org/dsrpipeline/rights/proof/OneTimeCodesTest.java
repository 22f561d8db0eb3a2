package org.dsrpipeline.rights.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import org.dsrpipeline.rights.proof.OneTimeCodes.Verdict.Kind;
import org.junit.jupiter.api.Test;

class OneTimeCodesTest {

  private static final Instant ISSUED = Instant.parse("2026-03-02T10:00:00Z");
  private final OneTimeCodes codes = new OneTimeCodes(new PhoneProofProperties(Duration.ofMinutes(15), 5,
      Duration.ofSeconds(60)), () -> "the test deployment's key".getBytes(StandardCharsets.UTF_8));

  @Test
  void aCodeIsSixDigitsAndOnlyItsKeyedHashIsKept() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 200; i++) {
      var code = codes.newCode();
      assertThat(code).matches("\\d{6}");
      seen.add(code);
    }
    var hash = codes.hash(42, "123456");

    assertThat(seen).hasSizeGreaterThan(150);
    assertThat(hash).hasSize(64).doesNotContain("123456").isEqualTo(codes.hash(42, "123456"));
    assertThat(codes.hash(43, "123456")).as("bound to the request").isNotEqualTo(hash);
    assertThat(new OneTimeCodes(new PhoneProofProperties(Duration.ofMinutes(15), 5, Duration.ofSeconds(60)),
        () -> "another deployment's key".getBytes(StandardCharsets.UTF_8)).hash(42, "123456"))
        .as("keyed: the stored hash cannot be reversed by hashing the million codes").isNotEqualTo(hash);
  }

  @Test
  void theRightCodeProvesTheWrongOneCountsDown() {
    var code = issued("123456", 0);

    assertThat(codes.check(code, "123456", ISSUED.plusSeconds(60)).kind()).isEqualTo(Kind.PROVEN);
    assertThat(codes.check(code, "654321", ISSUED.plusSeconds(60))).isEqualTo(new OneTimeCodes.Verdict(Kind.WRONG, 4));
    assertThat(codes.check(issued("123456", 3), "654321", ISSUED)).isEqualTo(new OneTimeCodes.Verdict(Kind.WRONG, 1));
  }

  @Test
  void theFifthWrongTryKillsTheCodeAndADeadCodeNeverProves() {
    assertThat(codes.check(issued("123456", 4), "654321", ISSUED).kind()).isEqualTo(Kind.DEAD);
    var dead = new PhoneCode(1, 42, "+306900000000", codes.hash(42, "123456"), ISSUED, ISSUED.plusSeconds(900), 5,
        PhoneCode.Status.DEAD);
    var replaced = new PhoneCode(1, 42, "+306900000000", codes.hash(42, "123456"), ISSUED, ISSUED.plusSeconds(900), 0,
        PhoneCode.Status.REPLACED);

    assertThat(codes.check(dead, "123456", ISSUED).kind()).isEqualTo(Kind.DEAD);
    assertThat(codes.check(replaced, "123456", ISSUED).kind()).isEqualTo(Kind.DEAD);
  }

  @Test
  void aCodeIsValidForFifteenMinutes() {
    var code = issued("123456", 0);

    assertThat(codes.expiry(ISSUED)).isEqualTo(ISSUED.plus(Duration.ofMinutes(15)));
    assertThat(codes.check(code, "123456", ISSUED.plus(Duration.ofMinutes(15)).minusMillis(1)).kind())
        .isEqualTo(Kind.PROVEN);
    assertThat(codes.check(code, "123456", ISSUED.plus(Duration.ofMinutes(15))).kind()).isEqualTo(Kind.EXPIRED);
  }

  @Test
  void aNewCodeAtMostEveryMinute() {
    assertThat(codes.waitBeforeNext(ISSUED, ISSUED.plusSeconds(20))).contains(Duration.ofSeconds(40));
    assertThat(codes.waitBeforeNext(ISSUED, ISSUED.plusSeconds(60))).isEmpty();
  }

  private PhoneCode issued(String code, int wrongTries) {
    return new PhoneCode(1, 42, "+306900000000", codes.hash(42, code), ISSUED, codes.expiry(ISSUED), wrongTries,
        PhoneCode.Status.ACTIVE);
  }
}
