package io.reelgate.cli;

import io.reelgate.client.apixo.GenerateParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments that describe a generation request (shared by {@code generate} and {@code
 * estimate}).
 */
final class RequestArgs {
  /** Wire fields of an APIXO request and the options that set them. */
  private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("input.mode", "--mode");
    OPTIONS.put("input.prompt", "PROMPT");
    OPTIONS.put("input.duration", "--duration");
    OPTIONS.put("input.size", "--size");
    OPTIONS.put("input.aspect_ratio", "--aspect");
    OPTIONS.put("input.resolution", "--resolution");
    OPTIONS.put("input.image_urls", "--image");
    OPTIONS.put("input.generationType", "--generation-type");
    OPTIONS.put("input.generationtype", "--generation-type");
    OPTIONS.put("input.generation_type", "--generation-type");
    OPTIONS.put("input.images", "--image");
    OPTIONS.put("provider", "--provider");
    OPTIONS.put("callback_url", "--callback-url");
  }

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "Model id, e.g. sora-2, sora-2-pro, veo-3-1.")
  String model;

  @Parameters(index = "1", paramLabel = "PROMPT", description = "What to render.")
  String prompt;

  @Option(
      names = "--mode",
      description =
          "text-to-video or image-to-video (Sora; default by whether --image is given),"
              + " quality or fast (veo-3-1; default quality).")
  String mode;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "SECONDS",
      description = "Video length in seconds (Sora: 4, 8, 12).")
  Integer duration;

  @Option(names = "--size", description = "Size, e.g. 1280x720 (sora-2-pro text-to-video).")
  String size;

  @Option(
      names = "--aspect",
      paramLabel = "RATIO",
      description = "Aspect ratio: landscape or portrait (sora-2), 16:9 or 9:16 (veo-3-1).")
  String aspect;

  @Option(names = "--resolution", description = "720p or 1080p (sora-2-pro image-to-video).")
  String resolution;

  @Option(
      names = {"-i", "--image"},
      paramLabel = "PATH|URL",
      description =
          "Input image: an http(s) URL, or a local JPEG/PNG/WebP file (sent as a data: URI). Repeatable.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--generation-type",
      paramLabel = "TYPE",
      description = "veo-3-1: TEXT_2_VIDEO, FIRST_AND_LAST_FRAMES_2_VIDEO, REFERENCE_2_VIDEO.")
  String generationType;

  @Option(names = "--provider", description = "Routing: official, value or auto.")
  String provider;

  @Option(
      names = "--callback-url",
      paramLabel = "URL",
      description = "Where the gateway POSTs the signed final status.")
  String callbackUrl;

  @Option(
      names = "--input",
      paramLabel = "FIELD=VALUE",
      description =
          "Any other input field, e.g. --input seed=42 (numbers and true/false are sent as such).")
  Map<String, String> extra = new LinkedHashMap<>();

  /** The request. */
  GenerateParams params() {
    if (duration != null && duration <= 0) {
      throw new CliException(
          ExitCodes.USAGE, "--duration: must be a positive number of seconds, got " + duration);
    }
    boolean veo = model.toLowerCase(Locale.ROOT).startsWith("veo");
    GenerateParams.Builder b = GenerateParams.builder().prompt(prompt);
    String m = mode;
    if (m == null) {
      m = veo ? "quality" : images.isEmpty() ? "text-to-video" : "image-to-video";
    }
    b.mode(m);
    if (duration != null) {
      b.duration(duration);
    }
    if (size != null) {
      b.size(size);
    }
    if (aspect != null) {
      b.aspectRatio(aspect);
    }
    if (resolution != null) {
      b.resolution(resolution);
    }
    for (String image : images) {
      b.addImageUrl(Images.toReference(image));
    }
    String type = generationType;
    if (type == null && veo && !images.isEmpty()) {
      type = "FIRST_AND_LAST_FRAMES_2_VIDEO";
    }
    if (type != null) {
      b.generationType(type);
    }
    if (provider != null) {
      b.provider(provider);
    }
    if (callbackUrl != null) {
      b.callbackUrl(callbackUrl);
    }
    extra.forEach((k, v) -> b.putInput(k, value(v)));
    return b.build();
  }

  private static Object value(String v) {
    if (v.equals("true") || v.equals("false")) {
      return Boolean.valueOf(v);
    }
    if (v.matches("-?\\d{1,18}")) {
      return Long.valueOf(v);
    }
    return v;
  }

  /** The option that sets a wire field the server named, or null. */
  static String optionOf(String field) {
    if (field == null) {
      return null;
    }
    String option = OPTIONS.get(field);
    if (option == null) {
      option = OPTIONS.get(field.toLowerCase(Locale.ROOT));
    }
    if (option == null && field.startsWith("input.image_urls[")) {
      option = "--image";
    }
    if (option == null && field.startsWith("input.")) {
      option = "--input " + field.substring("input.".length());
    }
    return option;
  }
}
