package org.dsrpipeline.datamap;

/**
 * How a collection marks records restricted: a boolean {@code column} (jdbc), or {@code restrict} and
 * {@code unrestrict} calls (http) with an optional {@code field} that shows the current state.
 */
public record Restriction(String column, UrlTemplate restrict, UrlTemplate unrestrict, String field) {
}
