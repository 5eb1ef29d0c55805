// The status chart: the shared ECharts option and its server-side PNG rendering.
import { describe, expect, it } from 'vitest'
import { MEASURE_STATUS_COLORS, MEASURE_STATUS_LABELS, actionLineStatusChartOption } from '@apt/shared'
import { chartFontFiles, renderActionLineChartPng, renderActionLineChartSvg } from '../../src/report/chart.js'
import { computeFigures } from '../../src/report/figures.js'
import { loadDemoPlan } from './ooxml.js'

const lines = computeFigures(loadDemoPlan()).byActionLine

describe('actionLineStatusChartOption', () => {
  it('stacks one series per status in the status colours, pending only when present', () => {
    const option = actionLineStatusChartOption(lines, { status: MEASURE_STATUS_LABELS.lv })
    expect(option.series.map((s) => s.name)).toEqual(['Izpildīts', 'Daļēji izpildīts', 'Nav izpildīts'])
    expect(option.series.map((s) => s.itemStyle.color)).toEqual([
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
    expect(withPending.series.map((s) => s.name)).toEqual(['Done', 'Partly done', 'Not done', 'Not assessed'])
    expect(withPending.xAxis.data).toEqual(['Line 1'])
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
