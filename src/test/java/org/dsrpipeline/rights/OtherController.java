package org.dsrpipeline.rights;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Another controller for portability's direct transmission: an HTTPS server on 127.0.0.1 with a fresh self-signed
 * certificate (keytool), written also as the trust store of the test configuration
 * ({@code dsr.packages.transmission.trust-store}); it keeps every body POSTed to {@code /import}.
 */
final class OtherController implements AutoCloseable {

  private static final Path KEYS = Path.of("target", "transmission-test-keys.p12");
  private static final Path TRUST = Path.of("target", "transmission-test-truststore.p12");
  private static final Path CERT = Path.of("target", "transmission-test.cer");

  private final HttpsServer server;
  private final List<byte[]> received = new CopyOnWriteArrayList<>();

  private OtherController(HttpsServer server) {
    this.server = server;
  }

  static OtherController start() throws Exception {
    for (var path : List.of(KEYS, TRUST, CERT)) {
      Files.deleteIfExists(path);
    }
    var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
        "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        KEYS.toString(), "-storepass", "changeit", "-keypass", "changeit");
    run(keytool, "-exportcert", "-alias", "other", "-keystore", KEYS.toString(), "-storepass", "changeit", "-file",
        CERT.toString());
    run(keytool, "-importcert", "-noprompt", "-alias", "other", "-file", CERT.toString(), "-storetype", "PKCS12",
        "-keystore", TRUST.toString(), "-storepass", "changeit");
    var keys = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(KEYS.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, "changeit".toCharArray());
    var tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    var server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    var controller = new OtherController(server);
    server.createContext("/import", exchange -> {
      controller.received.add(exchange.getRequestBody().readAllBytes());
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
    return controller;
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/import";
  }

  List<byte[]> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void run(String... command) throws Exception {
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + output);
    }
  }
}
