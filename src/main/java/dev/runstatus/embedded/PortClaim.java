package dev.runstatus.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A loopback port that a server of the embedded runtime will listen on, and the option that chooses it. */
public record PortClaim(int port, String server, String option) {

    /**
     * Fails, naming the port and its option, if two claims share a port or if any port is taken on
     * 127.0.0.1: a runtime never starts beside servers it did not start, let alone talks to them.
     */
    public static void requireFree(List<PortClaim> claims) throws IOException {
        Map<Integer, PortClaim> byPort = new HashMap<>();
        for (PortClaim claim : claims) {
            PortClaim other = byPort.putIfAbsent(claim.port(), claim);
            if (other != null) {
                throw new IOException(other.server() + " and " + claim.server() + " would both listen on port " + claim.port()
                        + "; change " + claim.option());
            }
        }
        for (PortClaim claim : claims) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), claim.port()));
            } catch (BindException e) {
                throw new IOException("port " + claim.port() + " on 127.0.0.1 is in use, and " + claim.server()
                        + " needs it: stop what listens there, or choose another port with " + claim.option());
            }
        }
    }
}
