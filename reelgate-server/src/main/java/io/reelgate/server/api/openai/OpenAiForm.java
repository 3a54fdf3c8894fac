package io.reelgate.server.api.openai;

import io.reelgate.server.api.common.Fields.FieldException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the parts of a {@code multipart/form-data} create or remix request, as the official SDKs
 * send it, into the JSON shape {@link OpenAiRequests} reads: text fields become strings, an
 * uploaded {@code input_reference} image becomes {@code {"image_url": "data:…"}} once it is
 * checked, and {@code input_reference[image_url]} (the SDKs' encoding of the object form) becomes
 * the same object. A field given twice, a file where text belongs, text where the image belongs and
 * undecodable text are refused naming the field; other parts are ignored.
 */
final class OpenAiForm {
  /** The largest uploaded reference image, so that its data URI fits the stored request. */
  static final int MAX_REFERENCE_BYTES = 3_000_000;

  /** The longest text field, in bytes. */
  static final int MAX_TEXT_BYTES = 256 * 1024;

  static final Set<String> TEXT_FIELDS =
      Set.of("model", "prompt", "seconds", "size", OpenAiRequests.CALLBACK_FIELD);
  static final String IMAGE_FIELD = "input_reference";
  static final String IMAGE_URL_FIELD = "input_reference[image_url]";
  static final String FILE_ID_FIELD = "input_reference[file_id]";

  /**
   * One part of the form.
   *
   * @param filename the submitted file name, or null for a text field
   */
  record Part(String name, String filename, byte[] bytes) {}

  private OpenAiForm() {}

  /**
   * @param imageToDataUri checks an uploaded image and returns it as a {@code data:} URI, or throws
   *     a {@link FieldException} naming {@code input_reference}
   */
  static ObjectNode toBody(List<Part> parts, Function<byte[], String> imageToDataUri) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    Set<String> seen = new HashSet<>();
    for (Part part : parts) {
      String name = part.name() == null ? "" : part.name();
      boolean known =
          TEXT_FIELDS.contains(name)
              || name.equals(IMAGE_FIELD)
              || name.equals(IMAGE_URL_FIELD)
              || name.equals(FILE_ID_FIELD);
      if (!known) {
        continue;
      }
      String key = name.startsWith(IMAGE_FIELD) ? IMAGE_FIELD : name;
      if (!seen.add(key)) {
        throw new FieldException(key, "is given more than once");
      }
      if (name.equals(IMAGE_FIELD)) {
        body.putObject(IMAGE_FIELD).put("image_url", image(part, imageToDataUri));
      } else if (name.equals(IMAGE_URL_FIELD)) {
        body.putObject(IMAGE_FIELD).put("image_url", text(part, IMAGE_FIELD));
      } else if (name.equals(FILE_ID_FIELD)) {
        body.putObject(IMAGE_FIELD).put("file_id", text(part, IMAGE_FIELD));
      } else {
        body.put(name, text(part, name));
      }
    }
    return body;
  }

  private static String image(Part part, Function<byte[], String> imageToDataUri) {
    if (part.filename() == null) {
      throw new FieldException(
          IMAGE_FIELD,
          "must be an uploaded image file; send an image URL as input_reference[image_url]");
    }
    if (part.bytes().length == 0) {
      throw new FieldException(IMAGE_FIELD, "is an empty file");
    }
    if (part.bytes().length > MAX_REFERENCE_BYTES) {
      throw new FieldException(
          IMAGE_FIELD, "must be at most " + MAX_REFERENCE_BYTES + " bytes (3 MB)");
    }
    return imageToDataUri.apply(part.bytes());
  }

  private static String text(Part part, String field) {
    if (part.filename() != null) {
      throw new FieldException(field, "must be a text field, not a file");
    }
    if (part.bytes().length > MAX_TEXT_BYTES) {
      throw new FieldException(field, "is too long");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(part.bytes()))
              .toString();
      if (text.indexOf('\0') >= 0) {
        throw new FieldException(field, "must not contain NUL characters");
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new FieldException(field, "is not valid UTF-8 text");
    }
  }
}
