package org.dsrpipeline.request;

/** Who the request is from, as they gave it. Personal data: it stays in the request's own table. */
public record Requester(String email, String phone, String fullName, String language) {
}
