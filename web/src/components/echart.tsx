import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { theme } from '../app/theme.ts';
import { ErrorAlert } from './error-alert.tsx';
import { CardSkeleton } from './page-loading.tsx';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** A chart that loads ECharts on first use and follows its container's size. */
export function EChart({
  option,
  height = 320,
  ariaLabel,
  testId,
}: {
  option: ChartOption;
  height?: number;
  ariaLabel: string;
  testId?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup.ts').then(
      ({ echarts }) => {
        if (disposed || !container.current) return;
        chart.current = echarts.init(container.current);
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(container.current);
        setReady(true);
      },
      (cause: unknown) => setError(cause),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // ECharts draws with its own default font; use the app's, so chart labels match the page (and CJK renders).
    if (ready)
      chart.current?.setOption({ textStyle: { fontFamily: theme.token?.fontFamily }, ...option }, true);
  }, [ready, option]);

  if (error) return <ErrorAlert error={error} />;
  return (
    <div style={{ position: 'relative', height }} data-testid={testId}>
      {!ready && (height >= 120 ? <CardSkeleton rows={Math.min(5, Math.floor(height / 40))} /> : null)}
      <div ref={container} role="img" aria-label={ariaLabel} style={{ position: 'absolute', inset: 0 }} />
    </div>
  );
}
