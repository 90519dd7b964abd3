// The ECharts that Cadran ships: only the charts and components its chart
// builders (src/charts) emit, so that the first visit stays under 1 MB.
// Built by `npm run vendor-echarts` into public/echarts.min.js; a chart type
// missing here makes ECharts log an error, which fails the browser tests.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart, GaugeChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  TitleComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, HeatmapChart, GaugeChart,
  GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent,
  CanvasRenderer,
]);

// charming calls the global `echarts`, as the full build defines it.
window.echarts = echarts;
