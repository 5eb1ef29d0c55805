// Renders the report charts to PNG on the server, without a browser: ECharts server-side rendering
// to SVG, then resvg to PNG. The "measures per action line by status" option comes from @apt/shared
// so the dashboard shows the same chart; a survey question's answers are horizontal bars.
import { existsSync } from 'node:fs'
import { Resvg } from '@resvg/resvg-js'
import * as echarts from 'echarts'
import { MEASURE_STATUS_LABELS, actionLineStatusChartOption, type ActionLineStatusCounts } from '@apt/shared'
import { ACTION_LINE_NOUN } from './latvian.js'
import { toParagraphs } from './text.js'
import { actionLineNumeral } from '@apt/shared'

// resvg draws text only with fonts it is given, and the default system lookup can pick a font
// without Latvian letters (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž). DejaVu Sans covers them and is one
// package on every Linux distribution (Debian/Ubuntu: fonts-dejavu-core), so we load it from its
// known paths and only fall back to the system's fonts when none of them exists.
export const CHART_FONT_FAMILY = 'DejaVu Sans'
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', // Debian, Ubuntu
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', // Fedora, RHEL
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf', // Arch
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf', // Alpine
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
]

export interface ChartRenderOptions {
  /** Size in CSS pixels of the chart as laid out; the PNG is `scale` times larger for print. */
  width?: number
  height?: number
  scale?: number
  /** Font files to use instead of the DejaVu lookup (e.g. a font shipped with the app). */
  fontFiles?: string[]
}

export interface ChartImage {
  png: Buffer
  /** The chart's layout size, which the DOCX uses as the picture's display size. */
  width: number
  height: number
}

export function chartFontFiles(override?: string[]): string[] {
  return (override ?? FONT_CANDIDATES).filter((file) => existsSync(file))
}

/** The chart as an SVG string (what the browser would draw with the same option). */
export function renderActionLineChartSvg(byActionLine: readonly ActionLineStatusCounts[], width: number, height: number): string {
  // `ssr: true` needs no DOM: ECharts builds a virtual SVG tree and serialises it.
  return renderOptionSvg(
    actionLineStatusChartOption(byActionLine, {
      status: MEASURE_STATUS_LABELS.lv,
      // Full labels fit side by side for up to five lines; beyond that the numeral alone.
      actionLine: (number) =>
        byActionLine.length <= 5 ? `${actionLineNumeral(number)} ${ACTION_LINE_NOUN.singular.nom}` : actionLineNumeral(number),
      valueAxis: 'Pasākumu skaits',
      fontFamily: CHART_FONT_FAMILY,
    }),
    width,
    height,
  )
}

/** The chart as a PNG image. */
export function renderActionLineChartPng(byActionLine: readonly ActionLineStatusCounts[], options: ChartRenderOptions = {}): ChartImage {
  const width = options.width ?? 640
  const height = options.height ?? 360
  return svgToPng(renderActionLineChartSvg(byActionLine, width, height), width, height, options)
}

/** Any ECharts option drawn to SVG on the server (no DOM), as the browser would draw it. */
export function renderOptionSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption(option)
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** Any ECharts option as a PNG image (e.g. a survey question's answers). */
export function renderOptionPng(option: echarts.EChartsCoreOption, options: ChartRenderOptions = {}): ChartImage {
  const width = options.width ?? 640
  const height = options.height ?? 360
  return svgToPng(renderOptionSvg(option, width, height), width, height, options)
}

/** One bar of a survey question's chart: an option and how many chose it. */
export interface AnswerBar {
  label: string
  count: number
}

// Bars of a choice question in one colour; a scale's from weak (red) to good (green), as read.
const CHOICE_COLOR = '#1f5f8b'
const SCALE_COLORS = ['#c62828', '#ef6c00', '#f2a900', '#9ccc65', '#2e7d32']

function scaleColor(index: number, count: number): string {
  if (count <= 1) return CHOICE_COLOR
  const position = Math.round((index / (count - 1)) * (SCALE_COLORS.length - 1))
  return SCALE_COLORS[position]!
}

/**
 * A survey question's answers as horizontal bars, options top to bottom in the questionnaire's
 * order, each labelled with its count. A scale's bars go from red (weak) to green (good).
 */
export function answerBarsOption(
  bars: readonly AnswerBar[],
  labels: { valueAxis: string; scale?: boolean; fontFamily?: string },
): echarts.EChartsCoreOption {
  // Long option labels wrap onto at most three lines beside their bar.
  const shown = bars
    .map((bar) => toParagraphs(bar.label).join(' '))
    .map((label) => (label.length > 120 ? `${label.slice(0, 117)}…` : label))
  return {
    animation: false,
    textStyle: { fontFamily: labels.fontFamily, fontSize: 13, color: '#222222' },
    grid: { left: 16, right: 48, top: 16, bottom: 48, containLabel: true },
    xAxis: {
      type: 'value',
      name: labels.valueAxis,
      nameLocation: 'middle',
      nameGap: 28,
      minInterval: 1,
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown,
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, width: 260, overflow: 'break', lineHeight: 15, fontSize: 12 },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        label: { show: true, position: 'right', fontSize: 13, fontWeight: 'bold', color: '#222222' },
        data: bars.map((bar, index) => ({
          value: bar.count,
          itemStyle: { color: labels.scale ? scaleColor(index, bars.length) : CHOICE_COLOR },
        })),
      },
    ],
  }
}

/** A survey question's answers as a PNG picture; taller the more options it has. */
export function renderAnswerBarsPng(bars: readonly AnswerBar[], labels: { valueAxis: string; scale?: boolean }): ChartImage {
  const height = 72 + bars.length * 44
  return renderOptionPng(answerBarsOption(bars, { ...labels, fontFamily: CHART_FONT_FAMILY }), { width: 640, height })
}

function svgToPng(svg: string, width: number, height: number, options: ChartRenderOptions): ChartImage {
  const scale = options.scale ?? 2
  const fontFiles = chartFontFiles(options.fontFiles)
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    font: {
      fontFiles,
      // Scanning every system font is slow; do it only when our known font is missing.
      loadSystemFonts: fontFiles.length === 0,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  })
  return { png: resvg.render().asPng(), width, height }
}
