# syntax=docker/dockerfile:1
# Signet container image: the admission webhook as one fat jar on a JRE 17 without a shell.
#
#   docker build -t signet:dev .            (or: podman build -t signet:dev .)
#   docker run --rm --read-only --tmpfs /tmp -p 8443:8443 signet:dev serve --demo --bind 0.0.0.0
#
# Stage 1 builds target/signet.jar with Maven; stage 2 copies only the jar onto a distroless
# Java 17 runtime that runs as UID 65532 (no shell, no package manager).

ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=gcr.io/distroless/java17-debian12:nonroot

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first: this layer is reused as long as pom.xml does not change.
COPY pom.xml .
RUN mvn -B -q -DskipTests -Dmaven.test.skip=true dependency:resolve-plugins dependency:resolve || true
COPY src ./src
RUN mvn -B -DskipTests -Dmaven.test.skip=true package \
    && cp target/signet.jar /signet.jar

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="signet" \
      org.opencontainers.image.description="Kubernetes admission webhook: admits only images signed with trusted OCI Vault keys" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build --chown=0:0 /signet.jar /app/signet.jar
# Non-root; numeric so runAsNonRoot can check it without /etc/passwd.
USER 65532:65532
WORKDIR /tmp
# 8443: webhook (HTTPS), 9090: Prometheus /metrics
EXPOSE 8443 9090
# Exec form, no shell. /tmp is the only writable path the JVM needs (an emptyDir with a read-only root
# filesystem); the heap follows the container's memory limit.
ENTRYPOINT ["/usr/bin/java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/signet.jar"]
CMD ["serve"]
