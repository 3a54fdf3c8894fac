package io.reelgate.server.api.common;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON request bodies for the dialects: at most 1 MiB (larger is refused without reading on),
 * strictly valid UTF-8, nested at most {@value #MAX_DEPTH} levels, numbers of at most {@value
 * #MAX_NUMBER_LENGTH} digits, no property given twice, and a JSON object. Dialects turn the
 * exceptions into their own error shapes.
 */
@Component
public class JsonBodies {
  /** The largest JSON body accepted. */
  public static final int MAX_JSON_BYTES = 1024 * 1024;

  /** The deepest nesting accepted; the dialects' bodies need three levels. */
  public static final int MAX_DEPTH = 32;

  /** The longest number literal accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 64;

  /** The longest property name accepted. */
  public static final int MAX_NAME_LENGTH = 256;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .maxNameLength(MAX_NAME_LENGTH)
                          .maxStringLength(MAX_JSON_BYTES)
                          .maxDocumentLength(MAX_JSON_BYTES)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Parses bytes as a JSON object under the limits above (all but the size limit, which is the
   * reader's).
   *
   * @throws MalformedBodyException when the bytes are empty, not JSON or not an object
   */
  public static JsonNode parseObject(byte[] bytes) {
    if (bytes.length == 0) {
      throw new MalformedBodyException("the request body is missing; send a JSON object");
    }
    String text;
    try {
      // why: strictly, before the JSON parser, which lets overlong forms such as C0 AF through
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedBodyException("the request body is not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (StreamConstraintsException e) {
      throw new MalformedBodyException(constraintProblem(e));
    } catch (JacksonException e) {
      throw new MalformedBodyException(syntaxProblem(e));
    }
    if (node == null || !node.isObject()) {
      throw new MalformedBodyException("the request body must be a JSON object");
    }
    return node;
  }

  private static String constraintProblem(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("depth")) {
      return "the request body nests deeper than " + MAX_DEPTH + " levels";
    }
    if (message.contains("Number")) {
      return "the request body has a number longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    if (message.contains("Name")) {
      return "the request body has a property name longer than " + MAX_NAME_LENGTH + " characters";
    }
    return "the request body breaks a size limit";
  }

  private static String syntaxProblem(JacksonException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Duplicate Object property")
        || message.startsWith("Duplicate field")
        || message.startsWith("Duplicate Object Property")) {
      int quote = message.indexOf('"');
      int end = quote < 0 ? -1 : message.indexOf('"', quote + 1);
      String name = end > quote ? " " + message.substring(quote, end + 1) : "";
      return "the request body gives the property" + name + " more than once";
    }
    if (message.contains("UTF-8") || message.contains("UTF8")) {
      return "the request body is not valid UTF-8";
    }
    return "the request body is not valid JSON";
  }

  /**
   * @throws BodyTooLargeException over 1 MiB
   * @throws MalformedBodyException when the body is empty, not JSON or not an object
   */
  public JsonNode readObject(HttpServletRequest request) {
    if (request.getContentLengthLong() > MAX_JSON_BYTES) {
      throw new BodyTooLargeException(MAX_JSON_BYTES);
    }
    return parseObject(readLimited(request));
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
