package org.dsrpipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where portability may send a package: another controller's public https address only. */
class DestinationsTest {

  private final Destinations strict = new Destinations(new TransmissionProperties(false, "", "", Duration.ofMinutes(1)));
  private final Destinations lenient = new Destinations(new TransmissionProperties(true, "", "", Duration.ofMinutes(1)));

  @Test
  void aPublicHttpsAddressIsAccepted() {
    assertThat(strict.problem("https://import.other-controller.example/dsr")).isEmpty();
    assertThat(strict.problem("https://93.184.216.34/import")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://import.other.example/", "ftp://other.example/", "other.example/import", "https:///x"})
  void onlyHttpsWithAHostIsAccepted(String url) {
    assertThat(strict.problem(url)).isPresent();
    assertThat(lenient.problem(url)).as("not even when private addresses are allowed").isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://localhost/x", "https://127.0.0.1/x", "https://10.1.2.3/x", "https://192.168.1.5/x",
      "https://172.16.0.1/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://[fd00::1]/x",
      "https://100.64.0.1/x", "https://0.0.0.0/x", "https://intranet/x", "https://printer.local/x"})
  void loopbackPrivateAndLocalAddressesAreRefusedUnlessAllowed(String url) {
    assertThat(strict.problem(url)).as(url).isPresent();
    assertThat(lenient.problem(url)).as(url).isEmpty();
  }

  @Test
  void userInfoIsRefused() {
    assertThat(strict.problem("https://user:secret@other.example/x")).get().asString().contains("user name");
  }

  @Test
  void beforeSendingEveryResolvedAddressIsChecked() throws Exception {
    assertThatThrownBy(() -> strict.checked("https://127.0.0.1/x")).hasMessageContaining("public address");
    assertThat(lenient.checked("https://127.0.0.1:8443/x").getPort()).isEqualTo(8443);
    assertThat(Destinations.internal(InetAddress.getByName("8.8.8.8"))).isFalse();
    assertThat(Destinations.internal(InetAddress.getByName("192.0.0.8"))).isTrue();
  }
}
