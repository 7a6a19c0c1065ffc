using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace AuthApp.Hosting.ApplicationModel;

/// <summary>
/// A string made of literal text and values known later (ports, passwords, other connection strings).
/// At run time it resolves to the real string; in a manifest it writes its placeholders.
/// Build one with an interpolated string: <c>ReferenceExpression.Create($"Host={host};Port={port}")</c>.
/// </summary>
public sealed class ReferenceExpression : IValueProvider, IManifestExpressionProvider
{
    private readonly string _format;
    private readonly IReadOnlyList<IValueProvider> _values;

    private ReferenceExpression(string format, IReadOnlyList<IValueProvider> values)
    {
        _format = format;
        _values = values;
    }

    /// <summary>The composite format: literal text with <c>{0}</c>, <c>{1}</c>… for each value.</summary>
    public string Format => _format;

    /// <summary>The values in format order.</summary>
    public IReadOnlyList<IValueProvider> ValueProviders => _values;

    /// <summary>Creates an expression from an interpolated string whose holes are value providers.</summary>
    public static ReferenceExpression Create(in ExpressionInterpolatedStringHandler handler) => handler.Build();

    /// <inheritdoc />
    public string ValueExpression => string.Format(
        CultureInfo.InvariantCulture,
        _format,
        _values.Select(v => (object)ManifestExpression(v)).ToArray());

    /// <inheritdoc />
    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var resolved = new object?[_values.Count];
        for (var i = 0; i < _values.Count; i++)
        {
            resolved[i] = await _values[i].GetValueAsync(cancellationToken).ConfigureAwait(false);
        }

        return string.Format(CultureInfo.InvariantCulture, _format, resolved);
    }

    private static string ManifestExpression(IValueProvider value) => value is IManifestExpressionProvider m
        ? m.ValueExpression
        : throw new InvalidOperationException($"{value.GetType().Name} has no manifest expression.");

    /// <summary>Collects literal text and value holes of an interpolated string.</summary>
    [InterpolatedStringHandler]
    public ref struct ExpressionInterpolatedStringHandler
    {
        private readonly StringBuilder _format;
        private readonly List<IValueProvider> _values;

        /// <summary>Called by the compiler.</summary>
        public ExpressionInterpolatedStringHandler(int literalLength, int formattedCount)
        {
            _format = new StringBuilder(literalLength + (formattedCount * 4));
            _values = new List<IValueProvider>(formattedCount);
        }

        /// <summary>Called by the compiler for literal text.</summary>
        public readonly void AppendLiteral(string value) =>
            _format.Append(value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

        /// <summary>Called by the compiler for a value hole.</summary>
        public readonly void AppendFormatted(IValueProvider value)
        {
            _format.Append(CultureInfo.InvariantCulture, $"{{{_values.Count}}}");
            _values.Add(value);
        }

        /// <summary>Called by the compiler for a constant hole (written literally).</summary>
        public readonly void AppendFormatted(string value) => AppendLiteral(value);

        internal readonly ReferenceExpression Build() => new(_format.ToString(), _values);
    }
}
