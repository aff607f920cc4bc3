package dev.runstatus.query;

import java.util.Base64;
import java.util.Optional;

/** A list page's continuation: the last key of the page, opaque to clients (URL-safe base64). */
final class PageCursor {

    private PageCursor() {
    }

    static String of(byte[] lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey);
    }

    /** The key after which the next page begins; empty for the first page. */
    static Optional<byte[]> after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Base64.getUrlDecoder().decode(cursor));
    }
}
