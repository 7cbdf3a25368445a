using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Quotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "media_quota_bytes",
                table: "blogs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "post_quota",
                table: "blogs",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "media_quota_bytes",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "post_quota",
                table: "blogs");
        }
    }
}
