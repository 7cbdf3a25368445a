using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BlogAppearance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "color_scheme",
                table: "blogs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "custom_css",
                table: "blogs",
                type: "TEXT",
                maxLength: 50000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "custom_css_hash",
                table: "blogs",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_css_served",
                table: "blogs",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "favicon_image_id",
                table: "blogs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "favicon_path",
                table: "blogs",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "header_image_height",
                table: "blogs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "header_image_id",
                table: "blogs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "header_image_path",
                table: "blogs",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "header_image_width",
                table: "blogs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "logo_image_id",
                table: "blogs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "logo_path",
                table: "blogs",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "theme",
                table: "blogs",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "quiet");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "color_scheme",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "custom_css",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "custom_css_hash",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "custom_css_served",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "favicon_image_id",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "favicon_path",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "header_image_height",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "header_image_id",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "header_image_path",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "header_image_width",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "logo_image_id",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "logo_path",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "theme",
                table: "blogs");
        }
    }
}
