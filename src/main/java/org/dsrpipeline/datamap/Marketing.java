package org.dsrpipeline.datamap;

/**
 * How a collection suppresses marketing to a subject: set {@code column} to {@code value} (jdbc), or
 * call {@code suppress} (http), skipping records whose {@code field} already holds {@code value}.
 */
public record Marketing(String column, Object value, UrlTemplate suppress, String field) {
}
