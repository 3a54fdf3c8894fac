# The Reelgate server as an OCI image (docs/operations.md). Build the jar first, then the image:
#   ./mvnw -pl reelgate-server -am package -DskipTests
#   docker build -t reelgate .            # or: podman build / buildah bud
# BASE_IMAGE may be any Java 21+ runtime image with bash (for the health check).
ARG BASE_IMAGE=eclipse-temurin:21-jre
FROM ${BASE_IMAGE}

# why: a fixed numeric user, so that the image runs as non-root whatever the base image defines
ARG UID=10001
RUN mkdir -p /app /data && chown ${UID}:0 /data && chmod 770 /data

COPY reelgate-server/target/reelgate-server.jar /app/reelgate-server.jar

ENV REELGATE_DATA_DIR=/data \
    SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
VOLUME /data
EXPOSE 8080
USER ${UID}:0
WORKDIR /app

# /actuator/health on the management port when one is set, else on the API's port; plain bash,
# since the base image need not have curl
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD \
  bash -c 'exec 3<>/dev/tcp/127.0.0.1/${REELGATE_MANAGEMENT_PORT:-$SERVER_PORT} \
    && printf "GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 \
    && grep -q "\"status\":\"UP\"" <&3'

ENTRYPOINT ["java", "-jar", "/app/reelgate-server.jar"]
