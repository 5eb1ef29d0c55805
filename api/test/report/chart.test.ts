// The status chart: the shared ECharts option and its server-side PNG rendering.
import { describe, expect, it } from 'vitest'
import {
  MEASURE_STATUSES,
  MEASURE_STATUS_COLORS,
  MEASURE_STATUS_LABELS,
  TOTAL_SERIES_NAME,
  actionLineStatusChartOption,
  type StatusSeries,
  type TotalSeries,
} from '@apt/shared'
import { chartFontFiles, renderActionLineChartPng, renderActionLineChartSvg } from '../../src/report/chart.js'
import { computeFigures } from '../../src/report/figures.js'
import { loadDemoPlan } from './ooxml.js'

const lines = computeFigures(loadDemoPlan()).byActionLine
const lineTotal = (line: (typeof lines)[number]) => MEASURE_STATUSES.reduce((sum, status) => sum + line[status], 0)
const statusTotal = (status: (typeof MEASURE_STATUSES)[number]) => lines.reduce((sum, line) => sum + line[status], 0)

describe('actionLineStatusChartOption', () => {
  it('stacks one series per status in the status colours, pending only when present', () => {
    const option = actionLineStatusChartOption(lines, { status: MEASURE_STATUS_LABELS.lv })
    const statusSeries = option.series.filter((s): s is StatusSeries => s.name !== TOTAL_SERIES_NAME)
    expect(statusSeries.map((s) => s.name)).toEqual(['Izpildīts', 'Daļēji izpildīts', 'Nav izpildīts'])
    expect(statusSeries.map((s) => s.itemStyle.color)).toEqual([
      MEASURE_STATUS_COLORS.done,
      MEASURE_STATUS_COLORS.partial,
      MEASURE_STATUS_COLORS.not_done,
    ])
    expect(option.series[0].data.map((d) => d.value)).toEqual([8, 6, 3, 2])
    expect(option.xAxis.data).toEqual(['1', '2', '3', '4'])
    const withPending = actionLineStatusChartOption([{ number: '1', done: 0, partial: 0, not_done: 0, pending: 2 }], {
      status: MEASURE_STATUS_LABELS.en,
      actionLine: (n) => `Line ${n}`,
    })
    expect(withPending.series.map((s) => s.name)).toEqual(['Done', 'Partly done', 'Not done', 'Not assessed', TOTAL_SERIES_NAME])
    expect(withPending.xAxis.data).toEqual(['Line 1'])
  })
})

describe('totals', () => {
  const option = actionLineStatusChartOption(lines, { status: MEASURE_STATUS_LABELS.lv })

  it('names each status with its total in the legend: "Izpildīts (19)"', () => {
    expect(option.legend.data).toEqual(['Izpildīts', 'Daļēji izpildīts', 'Nav izpildīts'])
    expect(option.legend.data.map(option.legend.formatter)).toEqual([
      `Izpildīts (${statusTotal('done')})`,
      `Daļēji izpildīts (${statusTotal('partial')})`,
      `Nav izpildīts (${statusTotal('not_done')})`,
    ])
  })

  it('puts each action line’s total above its bar, outside the legend and the tooltip', () => {
    const totals = option.series.at(-1) as TotalSeries
    expect(totals).toMatchObject({
      name: TOTAL_SERIES_NAME,
      silent: true,
      tooltip: { show: false },
      label: { show: true, position: 'top' },
    })
    expect(totals.data.map((d) => d.value)).toEqual(lines.map(lineTotal))
    expect(option.legend.data).not.toContain(TOTAL_SERIES_NAME)
    // Laid over the stacks, not beside them: every bar series overlaps by the full width.
    expect(new Set(option.series.map((s) => s.barGap))).toEqual(new Set(['-100%']))
    const empty = actionLineStatusChartOption([{ number: '1', done: 0, partial: 0, not_done: 0, pending: 0 }], {
      status: MEASURE_STATUS_LABELS.lv,
    })
    expect((empty.series.at(-1) as TotalSeries).data).toEqual([{ value: 0, label: { show: false } }])
  })

  it('draws the totals and the legend with totals in the picture', () => {
    const svg = renderActionLineChartSvg(lines, 640, 360)
    const texts = (bold: boolean) =>
      [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)]
        .filter(([, attrs]) => attrs!.includes('font-weight:bold') === bold)
        .map(([, , t]) => t)
    // Bold digits: one per non-empty segment and one total per bar.
    const segments = lines.flatMap((line) => MEASURE_STATUSES.map((status) => line[status]).filter((n) => n > 0))
    const expected = [...segments, ...lines.map(lineTotal)].map(String).sort()
    expect(texts(true).sort()).toEqual(expected)
    expect(texts(false)).toEqual(
      expect.arrayContaining([
        `Izpildīts (${statusTotal('done')})`,
        `Daļēji izpildīts (${statusTotal('partial')})`,
        `Nav izpildīts (${statusTotal('not_done')})`,
      ]),
    )
    // The same status colours as the dashboard, from the shared palette.
    for (const status of ['done', 'partial', 'not_done'] as const)
      expect(svg.toLowerCase()).toContain(MEASURE_STATUS_COLORS[status].toLowerCase())
  })
})

describe('renderActionLineChartPng', () => {
  it('renders a PNG at twice the layout size', () => {
    const image = renderActionLineChartPng(lines, { width: 640, height: 360 })
    expect([...image.png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    // IHDR: width and height as big-endian integers at bytes 16 and 20.
    expect(image.png.readUInt32BE(16)).toBe(1280)
    expect(image.png.readUInt32BE(20)).toBe(720)
  })

  it('draws Latvian labels with a font that has the letters', () => {
    const svg = renderActionLineChartSvg(lines, 640, 360)
    expect(svg).toContain('Daļēji izpildīts')
    expect(svg).toContain('IV rīcības virziens')
    // CI must install fonts-dejavu-core; without it resvg falls back to whatever the system has.
    expect(chartFontFiles().length).toBeGreaterThan(0)
  })
})
