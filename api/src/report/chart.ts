// Renders the "measures per action line by status" chart to PNG on the server, without a browser:
// ECharts server-side rendering to SVG, then resvg to PNG. The option comes from @apt/shared so
// the dashboard shows the same chart.
import { existsSync } from 'node:fs'
import { Resvg } from '@resvg/resvg-js'
import * as echarts from 'echarts'
import { MEASURE_STATUS_LABELS, actionLineStatusChartOption, type ActionLineStatusCounts } from '@apt/shared'
import { ACTION_LINE_NOUN } from './latvian.js'
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
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption(
      actionLineStatusChartOption(byActionLine, {
        status: MEASURE_STATUS_LABELS.lv,
        // Full labels fit side by side for up to five lines; beyond that the numeral alone.
        actionLine: (number) =>
          byActionLine.length <= 5 ? `${actionLineNumeral(number)} ${ACTION_LINE_NOUN.singular.nom}` : actionLineNumeral(number),
        valueAxis: 'Pasākumu skaits',
        fontFamily: CHART_FONT_FAMILY,
      }),
    )
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** The chart as a PNG image. */
export function renderActionLineChartPng(byActionLine: readonly ActionLineStatusCounts[], options: ChartRenderOptions = {}): ChartImage {
  const width = options.width ?? 640
  const height = options.height ?? 360
  const scale = options.scale ?? 2
  const svg = renderActionLineChartSvg(byActionLine, width, height)
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
