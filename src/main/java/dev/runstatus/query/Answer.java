package dev.runstatus.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the query service answers: an HTTP status and a JSON body. An error's body has {@code error} (one
 * line for people) and {@code code} (for scripts: {@code run-not-found}, {@code no-lifecycle-here},
 * {@code not-running}, {@code not-kept-here}, {@code instance-unavailable}, {@code busy},
 * {@code unauthorized}, {@code bad-request}, {@code no-such-path}).
 */
public record Answer(int status, Map<String, Object> body) {

    public static final String RUN_NOT_FOUND = "run-not-found";
    public static final String NO_LIFECYCLE_HERE = "no-lifecycle-here";
    public static final String NOT_RUNNING = "not-running";
    public static final String NOT_KEPT_HERE = "not-kept-here";
    public static final String INSTANCE_UNAVAILABLE = "instance-unavailable";
    public static final String BUSY = "busy";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String BAD_REQUEST = "bad-request";
    public static final String NO_SUCH_PATH = "no-such-path";

    public static Answer error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("code", code);
        return new Answer(status, body);
    }

    /** Whether this answer is the instance's word on the run (found or not), as opposed to a failure to give one. */
    boolean definite() {
        return status == 200 || (status == 404 && RUN_NOT_FOUND.equals(body.get("code")));
    }
}
