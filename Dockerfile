# syntax=docker/dockerfile:1
#
# runstatus container image: a multi-stage build of the shaded jar, run on a JRE as a non-root user.
#
#   docker build -t runstatus:local .
#   docker run --rm -p 9464:9464 \
#     -e RUNSTATUS_BOOTSTRAP_SERVERS=kafka:9092 \
#     -e RUNSTATUS_SCHEMA_REGISTRY_URL=http://schema-registry:8081 \
#     runstatus:local
#
# Always give bootstrap servers in a container: without them `run` starts the embedded development
# broker and registry, which this image does not contain.

############################################################################### build
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

COPY pom.xml ./
COPY schemas/ schemas/
COPY src/ src/

# -DskipTests also skips the npm install of the deployment-file validators (test-only tooling);
# -Dmdep.skip=true skips unpacking the embedded Apicurio registry, which only the embedded
# development runtime uses. The cache mount keeps ~/.m2 between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -DskipTests -Dmdep.skip=true \
 && test -f target/runstatus.jar

############################################################################### runtime
FROM eclipse-temurin:17-jre

LABEL org.opencontainers.image.title="runstatus" \
      org.opencontainers.image.description="Kafka Streams pipeline that validates automation-platform run results against Avro schemas and routes them by status" \
      org.opencontainers.image.version="0.3.0" \
      org.opencontainers.image.vendor="runstatus" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"

# A fixed, unprivileged uid/gid (10001) without a login shell or home directory, so that
# Kubernetes' runAsNonRoot can verify it and volume ownership (fsGroup) is predictable.
RUN groupadd --system --gid 10001 runstatus \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin runstatus

# Kafka Streams' state directory (the lifecycle step's stores), writable by the runstatus user; a
# volume mounted there keeps it across restarts, else it is restored from its changelog topics.
RUN mkdir -p /var/lib/runstatus/state && chown -R 10001:10001 /var/lib/runstatus
ENV RUNSTATUS_STATE_DIR=/var/lib/runstatus/state

WORKDIR /app
COPY --from=build --chown=0:0 /build/target/runstatus.jar /app/runstatus.jar

# The heap follows the container's memory limit; on OutOfMemoryError the JVM exits and the
# orchestrator restarts it instead of leaving a half-working pipeline.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# /metrics, /health/live and /health/ready (runstatus.http.port)
EXPOSE 9464

USER 10001:10001

# Ready only when Kafka Streams is RUNNING. Plain bash (/dev/tcp): the JRE image may lack curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9464 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["java", "-jar", "/app/runstatus.jar"]
CMD ["run"]
