using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonPhoto : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "photo_name",
                table: "AspNetUsers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "photo_name",
                table: "AspNetUsers");
        }
    }
}
