// The dashboard's charts (ECharts). Loaded as a file: the Content-Security-Policy forbids
// inline scripts. The data comes from the page's <script type="application/json"
// id="chart-data">; each point carries the URL of the list behind it, opened on click.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const charts = [];
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const rows = data[element.dataset.chart] || [];
    if (!rows.length) {
      element.classList.add("chart-empty");
      return;
    }
    const type = element.dataset.type;
    const chart = echarts.init(element, null, { renderer: "canvas" });
    const names = rows.map((row) => row.name);
    const option = {
      tooltip: { renderMode: "richText", trigger: type === "pie" ? "item" : "axis" },
      grid: { left: type === "hbar" ? 110 : 40, right: 16, top: 16, bottom: 28 },
      textStyle: { fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" },
    };
    if (type === "pie") {
      option.series = [{ type: "pie", radius: ["35%", "70%"], data: rows, label: { formatter: "{b}: {c}" } }];
    } else if (type === "hbar") {
      option.xAxis = { type: "value" };
      option.yAxis = { type: "category", data: names, inverse: true };
      option.series = [{ type: "bar", data: rows }];
    } else {
      option.xAxis = { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } };
      option.yAxis = { type: "value" };
      option.series = [{ type: "bar", data: rows }];
    }
    chart.setOption(option);
    chart.on("click", (event) => {
      if (event.data && event.data.url) window.location.assign(event.data.url);
    });
    element.dataset.rendered = String(rows.length);
    charts.push(chart);
  });
  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
});
