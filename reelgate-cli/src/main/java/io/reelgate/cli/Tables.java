package io.reelgate.cli;

import io.reelgate.client.apixo.TaskStatus;
import java.io.PrintWriter;
import java.util.List;

/** Plain-text output: aligned columns and key/value lines. */
final class Tables {
  private Tables() {}

  static void print(PrintWriter out, List<String[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = row[i] == null ? "" : row[i];
        line.append(cell);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  static void status(PrintWriter out, TaskStatus s) {
    line(out, "task", s.taskId());
    line(out, "model", s.model());
    line(out, "state", s.rawState());
    line(out, "progress", s.progress() == null ? null : s.progress() + "%");
    line(out, "created", s.createTime() == null ? null : s.createTime().toString());
    line(out, "completed", s.completeTime() == null ? null : s.completeTime().toString());
    line(out, "took", s.costTime() == null ? null : (s.costTime().toMillis() / 1000.0) + " s");
    for (String url : s.resultUrls()) {
      line(out, "result", url);
    }
    line(out, "failCode", s.failCode());
    line(out, "failMsg", s.failMsg());
    out.flush();
  }

  static void line(PrintWriter out, String key, Object value) {
    if (value != null) {
      out.printf("%-10s %s%n", key + ":", value);
    }
  }

  static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
