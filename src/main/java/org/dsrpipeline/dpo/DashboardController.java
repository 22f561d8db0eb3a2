package org.dsrpipeline.dpo;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The DPO's dashboard (charts and figures) and the register of every request as CSV. */
@Controller
class DashboardController {

  static final String CSV_HEADER = "reference,right,channel,received,due,extended,answered,outcome";
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

  private final RequestFigures figures;
  private final LegalClock clock;
  private final RequestWorkflow workflow;

  DashboardController(RequestFigures figures, LegalClock clock, RequestWorkflow workflow) {
    this.figures = figures;
    this.clock = clock;
    this.workflow = workflow;
  }

  @GetMapping("/dpo/dashboard")
  String dashboard(Model model) {
    var now = figures.now();
    model.addAttribute("figures", now);
    model.addAttribute("charts", List.of(openByRight(now), daysLeft(now), answeredPerMonth(now)));
    model.addAttribute("failedSteps", workflow.failedSteps());
    model.addAttribute("zone", clock.zone());
    model.addAttribute("onTimePercent", now.answeredInYear() == 0 ? null
        : Math.round(100.0 * now.answeredOnTimeInYear() / now.answeredInYear()));
    return "pages/en/dpo-dashboard";
  }

  /** Every request ever received, oldest first: the register a supervisory authority asks for. */
  @GetMapping("/dpo/requests.csv")
  void register(HttpServletResponse response) throws IOException {
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"dsr-requests.csv\"");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    var out = response.getWriter();
    out.print(CSV_HEADER + "\r\n");
    figures.register(entry -> {
      out.print(String.join(",", entry.reference(), quoted(entry.right()), entry.channel().name(),
          clock.localDate(entry.receivedAt()).toString(), entry.dueDate() == null ? "" : entry.dueDate().toString(),
          String.valueOf(entry.extended()),
          entry.answeredAt() == null ? "" : clock.localDate(entry.answeredAt()).toString(), entry.status().name()));
      out.print("\r\n");
      if (out.checkError()) {
        throw new UncheckedIOException(new IOException("The client stopped reading the register"));
      }
    });
  }

  /** RFC 4180: a right's name has commas and parentheses; nothing here starts with = + - @. */
  private static String quoted(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static BarChart openByRight(RequestFigures.Figures now) {
    var series = List.of(new BarChart.Series("awaiting identity", "#b08800"),
        new BarChart.Series("in progress", "#1a5fb4"), new BarChart.Series("overdue", "#c01c28"));
    var labels = new ArrayList<String>();
    var values = new ArrayList<int[]>();
    now.openByRight().forEach((right, byState) -> {
      labels.add(right);
      values.add(RequestFigures.OPEN_STATES.stream().mapToInt(s -> byState.getOrDefault(s, 0)).toArray());
    });
    return BarChart.of("Open requests by right and state", series, labels, values);
  }

  private static BarChart daysLeft(RequestFigures.Figures now) {
    var labels = new ArrayList<>(now.daysLeft().keySet());
    var values = labels.stream().map(bucket -> new int[] {now.daysLeft().get(bucket)}).toList();
    return BarChart.of("Days left until the legal due date (open requests)",
        List.of(new BarChart.Series("requests", "#1a5fb4")), labels, values);
  }

  private static BarChart answeredPerMonth(RequestFigures.Figures now) {
    var labels = now.months().stream().map(m -> m.month().format(MONTH)).toList();
    var values = now.months().stream().map(m -> new int[] {m.onTime(), m.late()}).toList();
    return BarChart.of("Requests answered per month, on time and late (last 12 months)",
        List.of(new BarChart.Series("on time", "#2e7d32"), new BarChart.Series("late", "#c01c28")), labels, values);
  }
}
