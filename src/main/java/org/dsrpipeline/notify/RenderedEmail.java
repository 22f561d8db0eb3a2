package org.dsrpipeline.notify;

public record RenderedEmail(String subject, String htmlBody) {
}
