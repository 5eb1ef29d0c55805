// The ECharts option for "measures per action line by status", shared so the dashboard (in the
// browser) and the report (rendered to PNG on the server) draw the very same picture.
// Pure data in, plain option object out: no ECharts import (shared/ does not depend on it; the
// object is structurally an EChartsOption), no DOM, no node code.
import { MEASURE_STATUSES, type MeasureStatus } from './enums.js'

/** Status colours: done green, partial amber, not done red, not yet rated grey. */
export const MEASURE_STATUS_COLORS: Readonly<Record<MeasureStatus, string>> = {
  done: '#2e7d32',
  partial: '#f2a900',
  not_done: '#c62828',
  pending: '#9e9e9e',
}

/** One action line's counts, as the plan summary gives them. */
export type ActionLineStatusCounts = { number: string } & Record<MeasureStatus, number>

export interface ActionLineChartLabels {
  /** Legend names per status, e.g. MEASURE_STATUS_LABELS.lv. */
  status: Readonly<Record<MeasureStatus, string>>
  /** The axis label of an action line, e.g. "I" or "I rīcības virziens"; defaults to its number. */
  actionLine?: (number: string, index: number) => string
  /** Chart title; none when omitted. */
  title?: string
  /** Value axis name, e.g. "Pasākumu skaits". */
  valueAxis?: string
  /** Font family for every text; the server passes the font it loads for rendering. */
  fontFamily?: string
}

/**
 * The subset of EChartsOption this chart uses, typed here so shared/ needs no ECharts dependency.
 * A type alias, not an interface, so it is assignable to ECharts' index-signature option types.
 */
export type ActionLineChartOption = {
  animation: boolean
  color: string[]
  textStyle: { fontFamily?: string; fontSize: number; color: string }
  title?: { text: string; left: string; top: number; textStyle: { fontSize: number; fontWeight: 'bold' } }
  /** The formatter adds each status's total to its name: "Izpildīts (19)". */
  legend: { bottom: number; left: string; itemGap: number; data: string[]; formatter: (name: string) => string }
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean }
  tooltip: { trigger: 'axis'; axisPointer: { type: 'shadow' } }
  xAxis: {
    type: 'category'
    data: string[]
    axisTick: { alignWithLabel: boolean }
    axisLabel: { interval: number; fontSize: number }
  }
  yAxis: {
    type: 'value'
    name?: string
    nameLocation: 'middle'
    nameGap: number
    minInterval: number
    splitLine: { lineStyle: { color: string } }
  }
  series: Array<StatusSeries | TotalSeries>
}

/** One status's segments of the stacked bars. */
export type StatusSeries = {
  name: string
  type: 'bar'
  stack: string
  barMaxWidth: number
  barGap: string
  itemStyle: { color: string; borderColor: string; borderWidth: number }
  label: { show: boolean; position: 'inside'; color: string; fontSize: number; fontWeight: 'bold' }
  emphasis: { focus: 'series' }
  data: Array<{ value: number; label?: { show: boolean } }>
}

/**
 * The bars' totals: an invisible bar as tall as each stack, laid over it (barGap -100%), whose
 * label above it is the action line's total. Silent and out of the tooltip and legend.
 */
export type TotalSeries = {
  name: string
  type: 'bar'
  barMaxWidth: number
  barGap: string
  silent: true
  tooltip: { show: false }
  itemStyle: { color: string }
  label: { show: boolean; position: 'top'; color: string; fontSize: number; fontWeight: 'bold' }
  data: Array<{ value: number; label?: { show: boolean } }>
}

/** The name of the series carrying the bars' totals (never shown). */
export const TOTAL_SERIES_NAME = 'Σ'
const BAR_MAX_WIDTH = 72

/**
 * A stacked bar per action line: done, partial, not done (and not yet rated, only when any
 * measure is). Segment labels show the counts (zero segments carry none), the line's total
 * stands above its bar, and the legend gives each status's total: "Izpildīts (19)".
 */
export function actionLineStatusChartOption(
  byActionLine: readonly ActionLineStatusCounts[],
  labels: ActionLineChartLabels,
): ActionLineChartOption {
  const statuses = MEASURE_STATUSES.filter((status) => status !== 'pending' || byActionLine.some((line) => line.pending > 0))
  const categories = byActionLine.map((line, index) => labels.actionLine?.(line.number, index) ?? line.number)
  const legendNames = new Map(
    statuses.map((status) => [
      labels.status[status],
      `${labels.status[status]} (${byActionLine.reduce((sum, line) => sum + line[status], 0)})`,
    ]),
  )
  const lineTotal = (line: ActionLineStatusCounts) => statuses.reduce((sum, status) => sum + line[status], 0)
  const totals: TotalSeries = {
    name: TOTAL_SERIES_NAME,
    type: 'bar',
    barMaxWidth: BAR_MAX_WIDTH,
    barGap: '-100%',
    silent: true,
    tooltip: { show: false },
    itemStyle: { color: 'rgba(0,0,0,0)' },
    label: { show: true, position: 'top', color: '#222222', fontSize: 14, fontWeight: 'bold' },
    data: byActionLine.map((line) => (lineTotal(line) > 0 ? { value: lineTotal(line) } : { value: 0, label: { show: false } })),
  }
  return {
    // Static output: the server renders one frame, and the dashboard should not bounce on refresh.
    animation: false,
    color: statuses.map((status) => MEASURE_STATUS_COLORS[status]),
    textStyle: { fontFamily: labels.fontFamily, fontSize: 14, color: '#222222' },
    ...(labels.title ? { title: { text: labels.title, left: 'center', top: 8, textStyle: { fontSize: 16, fontWeight: 'bold' } } } : {}),
    legend: {
      bottom: 8,
      left: 'center',
      itemGap: 24,
      data: statuses.map((status) => labels.status[status]),
      formatter: (name) => legendNames.get(name) ?? name,
    },
    // The value axis name sits outside the labels `containLabel` accounts for, so leave room for it.
    grid: { left: labels.valueAxis ? 48 : 24, right: 24, top: labels.title ? 56 : 24, bottom: 56, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: categories,
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, fontSize: 14 },
    },
    yAxis: {
      type: 'value',
      ...(labels.valueAxis ? { name: labels.valueAxis } : {}),
      nameLocation: 'middle',
      nameGap: 36,
      minInterval: 1,
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    series: [
      ...statuses.map((status): StatusSeries => ({
        name: labels.status[status],
        type: 'bar',
        stack: 'status',
        barMaxWidth: BAR_MAX_WIDTH,
        // ECharts takes the gap from the bar series together; every one says the same.
        barGap: '-100%',
        itemStyle: { color: MEASURE_STATUS_COLORS[status], borderColor: '#ffffff', borderWidth: 1 },
        label: {
          show: true,
          position: 'inside',
          // Dark digits on amber and grey, white on green and red: readable in print and on screen.
          color: status === 'partial' || status === 'pending' ? '#222222' : '#ffffff',
          fontSize: 14,
          fontWeight: 'bold',
        },
        emphasis: { focus: 'series' },
        data: byActionLine.map((line) => (line[status] > 0 ? { value: line[status] } : { value: 0, label: { show: false } })),
      })),
      totals,
    ],
  }
}
