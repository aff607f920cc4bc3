package dev.runstatus.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports free at the moment of asking, for servers beside others: the tests' and the benchmark's. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker's, its controller's and a registry's port. */
    public static EmbeddedRuntime.Ports forRuntime() {
        return new EmbeddedRuntime.Ports(loopback(), loopback(), loopback());
    }
}
