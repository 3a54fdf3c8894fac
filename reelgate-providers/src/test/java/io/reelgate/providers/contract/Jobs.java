package io.reelgate.providers.contract;

import io.reelgate.core.image.ImageFormat;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.ProviderJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jobs for adapter tests: a kind, a duration, a frame size and what else a case needs. */
public final class Jobs {
  /** A small stand-in for a checked input image. */
  public static final byte[] IMAGE_BYTES = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};

  private Jobs() {}

  /** A job of {@code kind} with {@code images} images of {@code imageWidth}x{@code imageHeight}. */
  public static ProviderJob job(
      Path work,
      String model,
      GenerationKind kind,
      int duration,
      OutputSize size,
      Long seed,
      Map<String, String> options,
      int images,
      int imageWidth,
      int imageHeight) {
    List<String> urls = new ArrayList<>();
    List<InputImage> inputs = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      urls.add("https://images.example/in-" + i + ".jpg");
      inputs.add(
          new InputImage(IMAGE_BYTES, new ImageInfo(ImageFormat.JPEG, imageWidth, imageHeight)));
    }
    GenerationRequest request =
        new GenerationRequest(
            "sora-2",
            kind,
            "a lighthouse at dawn, waves rolling in",
            duration,
            size,
            urls,
            "standard",
            Routing.AUTO,
            seed,
            options);
    return new ProviderJob("task_t1", request, size, inputs, model, work);
  }

  /** A text-to-video job. */
  public static ProviderJob text(Path work, String model, int duration, OutputSize size) {
    return job(work, model, GenerationKind.TEXT_TO_VIDEO, duration, size, null, Map.of(), 0, 0, 0);
  }

  /** An image job whose images have the output's own shape. */
  public static ProviderJob images(
      Path work, String model, GenerationKind kind, int duration, OutputSize size, int images) {
    return job(
        work, model, kind, duration, size, null, Map.of(), images, size.width(), size.height());
  }
}
