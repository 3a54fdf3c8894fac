package io.reelgate.server.engine.internal;

import io.reelgate.core.request.OutputSize;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.InputImage;
import io.reelgate.server.fetch.ImageFetcher;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fetches and checks the task's input images (every time it is submitted: they are not kept), and a
 * queued task starts running on the chosen channel with its output size resolved against the first
 * image's orientation.
 */
@Component
class PrepareInputs implements Stage<Work.Picked> {
  private final ImageFetcher images;
  private final TaskLifecycle lifecycle;
  private final SubmitJob next;

  PrepareInputs(ImageFetcher images, TaskLifecycle lifecycle, SubmitJob next) {
    this.images = images;
    this.lifecycle = lifecycle;
    this.next = next;
  }

  @Override
  public Step run(Work.Picked work) {
    TaskRecord task = work.task();
    List<InputImage> inputs = new ArrayList<>();
    for (String url : task.request().imageUrls()) {
      inputs.add(images.fetch(url));
    }
    if (task.state() == TaskState.QUEUED) {
      OutputSize size = task.request().size();
      if (!inputs.isEmpty()) {
        size = size.resolveFor(inputs.get(0).info().width(), inputs.get(0).info().height());
      }
      task = lifecycle.start(task, work.slot().channel().id(), size.width(), size.height());
    }
    return Step.go(next, new Work.Prepared(task, work.slot(), inputs));
  }
}
