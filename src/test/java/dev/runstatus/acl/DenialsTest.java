package dev.runstatus.acl;

import dev.runstatus.config.RunStatusConfig;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DenialsTest {

    private static final RunStatusConfig DEFAULTS = RunStatusConfig.load(Optional.empty(), Map.of(), Map.of());
    private final Denials lifecycle = new Denials("User:states", AclRole.LIFECYCLE, RequiredAcls.of(DEFAULTS, AclRole.LIFECYCLE));

    @Test
    void eachRefusalNamesTheOperationTheRoleNeedsAndWhereToFindTheBindings() {
        String grant = "; grant it (runstatus acls --role lifecycle prints every binding)";
        assertEquals(Optional.of("User:states may not READ topic run-results.completed, User:states may not WRITE topic run-results.status"
                + grant), lifecycle.explain(new StreamsException(new TopicAuthorizationException(Set.of("run-results.status",
                "run-results.completed")))));
        assertEquals(Optional.of("User:states may not READ group runstatus-lifecycle" + grant),
                lifecycle.explain(new GroupAuthorizationException("Not authorized", "runstatus-lifecycle")));
        assertEquals(Optional.of("User:states may not WRITE or DESCRIBE transactional ids starting with runstatus-lifecycle-" + grant),
                lifecycle.explain(new StreamsException(new TransactionalIdAuthorizationException("Transactional Id authorization failed."))));
        assertEquals(Optional.of("User:states may not use a topic the broker did not name (Topic authorization failed.)" + grant),
                lifecycle.explain(new StreamsException(new TopicAuthorizationException("Topic authorization failed."))));
        assertEquals(Optional.empty(), lifecycle.explain(new TimeoutException("broker away")));
    }

    @Test
    void thePrincipalIsTheSaslUserTheCertificateOrAnonymous() {
        assertEquals("User:rs", Principals.of(RunStatusConfig.load(Optional.empty(), Map.of(), Map.of("security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"rs\" password=\"x\";"))));
        assertEquals("the principal of the certificate in /etc/tls/client.p12", Principals.of(RunStatusConfig.load(Optional.empty(),
                Map.of(), Map.of("security.protocol", "SSL", "ssl.keystore.location", "/etc/tls/client.p12"))));
        assertEquals("User:ANONYMOUS", Principals.of(DEFAULTS));
    }
}
