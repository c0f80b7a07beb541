namespace Registry.Cli.Output;

/// <summary>Rows under a header, each column as wide as its widest cell, two spaces apart.</summary>
internal sealed class TableWriter(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TableWriter Add(params string[] cells)
    {
        _rows.Add([.. cells.Select(Display.Clean)]);
        return this;
    }

    public void Write(TextWriter output)
    {
        var all = _rows.Prepend(headers).ToList();
        var widths = Enumerable.Range(0, headers.Length).Select(c => all.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
