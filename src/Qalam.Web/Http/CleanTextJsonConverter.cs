using System.Text.Json;
using System.Text.Json.Serialization;
using Qalam.Text;

namespace Qalam.Http;

// Every string read from a JSON body passes InputText's rule; strings written are left as they are.
public sealed class CleanTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        InputText.CleanOrNull(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
