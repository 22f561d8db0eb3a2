package org.dsrpipeline.datamap;

/**
 * How a collection marks records restricted: a boolean {@code column} (jdbc), a {@code tag} added to and
 * removed from a text {@code column} of comma-separated tags (jdbc), or {@code restrict} and
 * {@code unrestrict} calls (http) with an optional {@code field} that shows the current state.
 */
public record Restriction(String column, UrlTemplate restrict, UrlTemplate unrestrict, String field, String tag) {
}
