package io.reelgate.server.api.common;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads JSON request bodies for the dialects: at most 1 MiB (larger is refused without reading on),
 * must be a JSON object. Dialects turn the exceptions into their own error shapes.
 */
@Component
public class JsonBodies {
  /** The largest JSON body accepted. */
  public static final int MAX_JSON_BYTES = 1024 * 1024;

  private final ObjectMapper mapper;

  public JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @throws BodyTooLargeException over 1 MiB
   * @throws MalformedBodyException when the body is empty, not JSON or not an object
   */
  public JsonNode readObject(HttpServletRequest request) {
    if (request.getContentLengthLong() > MAX_JSON_BYTES) {
      throw new BodyTooLargeException(MAX_JSON_BYTES);
    }
    byte[] bytes = readLimited(request);
    if (bytes.length == 0) {
      throw new MalformedBodyException("the request body is missing; send a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(bytes);
    } catch (JacksonException e) {
      throw new MalformedBodyException("the request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedBodyException("the request body must be a JSON object");
    }
    return node;
  }

  private static byte[] readLimited(HttpServletRequest request) {
    try (InputStream in = request.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > MAX_JSON_BYTES) {
          throw new BodyTooLargeException(MAX_JSON_BYTES);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new MalformedBodyException("the request body could not be read");
    }
  }
}
