package dev.runstatus.acl;

import dev.runstatus.config.RunStatusConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The principal the broker sees for this configuration, as far as the client can tell: the SASL user
 * name, the certificate of the key store for mutual TLS (the broker maps it to a principal by its own rules),
 * or ANONYMOUS.
 */
public final class Principals {

    private static final Pattern USER_NAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private Principals() {
    }

    public static String of(RunStatusConfig config) {
        String protocol = config.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG).orElse("PLAINTEXT");
        if (protocol.startsWith("SASL")) {
            return saslUser(config.get(SaslConfigs.SASL_JAAS_CONFIG).orElse("")).map(user -> "User:" + user).orElse("the SASL principal");
        }
        if (protocol.equals("SSL")) {
            return config.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG).map(keystore -> "the principal of the certificate in " + keystore)
                    .orElse("the TLS principal");
        }
        return "User:ANONYMOUS";
    }

    /** The user name of a PLAIN or SCRAM login module's configuration. */
    public static Optional<String> saslUser(String jaasConfig) {
        Matcher user = USER_NAME.matcher(jaasConfig);
        return user.find() ? Optional.of(user.group(1)) : Optional.empty();
    }
}
