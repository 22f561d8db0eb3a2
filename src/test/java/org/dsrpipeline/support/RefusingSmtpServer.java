package org.dsrpipeline.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A real SMTP server on loopback that answers every recipient with "550 5.1.1 no such user" (or a reply given). */
public final class RefusingSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final Thread acceptor;
  private final String refusal;

  public RefusingSmtpServer() throws IOException {
    this("550 5.1.1 no such user");
  }

  /** {@code refusal}: the whole reply line to RCPT TO, e.g. a 550 with a long text. */
  public RefusingSmtpServer(String refusal) throws IOException {
    this.refusal = refusal;
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "refusing-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept();
          var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
          var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
        out.print("220 refusing.test ESMTP\r\n");
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
          var command = line.toUpperCase();
          var reply = command.startsWith("EHLO") || command.startsWith("HELO") ? "250 refusing.test"
              : command.startsWith("MAIL FROM") ? "250 2.1.0 OK"
              : command.startsWith("RCPT TO") ? refusal
              : command.startsWith("RSET") || command.startsWith("NOOP") ? "250 2.0.0 OK"
              : command.startsWith("QUIT") ? "221 2.0.0 bye"
              : "503 5.5.1 bad sequence";
          out.print(reply + "\r\n");
          out.flush();
          if (command.startsWith("QUIT")) {
            break;
          }
        }
      } catch (IOException closed) {
        // the test is over, or the client hung up
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
