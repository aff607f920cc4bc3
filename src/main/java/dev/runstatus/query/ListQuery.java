package dev.runstatus.query;

import java.util.Optional;

/**
 * A list request: the status to keep (all when empty), the page size, where the page begins (a cursor
 * from the page before), and whether a page without some instance's runs may be answered 200 ({@code partial}).
 */
public record ListQuery(Optional<String> status, int limit, Optional<String> cursor, boolean partial) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public ListQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The query string that asks another instance for the same page. */
    String queryString() {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        status.ifPresent(value -> query.append("&status=").append(value));
        cursor.ifPresent(value -> query.append("&cursor=").append(value));
        return query.toString();
    }
}
