package io.reelgate.client.pixazo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a Pixazo submission (HTTP 202).
 *
 * @param requestId the request's id ({@code sora-video_…})
 * @param status {@code QUEUED}
 * @param pollingUrl the absolute URL of its status
 */
public record PixazoSubmission(
    @JsonProperty("request_id") String requestId,
    @JsonProperty("status") String status,
    @JsonProperty("polling_url") String pollingUrl) {}
