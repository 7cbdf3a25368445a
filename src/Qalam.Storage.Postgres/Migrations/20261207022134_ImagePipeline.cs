using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImagePipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "animated",
                table: "media_files",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "copies_size",
                table: "media_files",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "copy_widths",
                table: "media_files",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "height",
                table: "media_files",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "width",
                table: "media_files",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "animated",
                table: "media_files");

            migrationBuilder.DropColumn(
                name: "copies_size",
                table: "media_files");

            migrationBuilder.DropColumn(
                name: "copy_widths",
                table: "media_files");

            migrationBuilder.DropColumn(
                name: "height",
                table: "media_files");

            migrationBuilder.DropColumn(
                name: "width",
                table: "media_files");
        }
    }
}
