// Reading back the CSV the product writes, strictly: a test of our own output, not a general parser.

/** A minimal RFC 4180 reader, enough to check what we write: quoted fields may hold CRLF. */
export function parseCsv(csv: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\r' && csv[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`)
    else field += c
  }
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF')
  return records
}
