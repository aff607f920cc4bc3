package dev.runstatus.embedded;

import java.io.IOException;
import java.nio.file.Path;

/** Another runstatus holds the data directory: nothing was started, nothing touched. */
public final class DataDirectoryInUseException extends IOException {

    DataDirectoryInUseException(Path directory, String holderPid) {
        super("the data directory " + directory + " is in use by another runstatus"
                + (holderPid.isEmpty() ? "" : " (pid " + holderPid + ")")
                + "; stop that one first, or give this one its own --data-dir and ports");
    }
}
