using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BlogSuspension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "delete_after",
                table: "blogs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "suspended_at",
                table: "blogs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspension_reason",
                table: "blogs",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_blogs_delete_after",
                table: "blogs",
                column: "delete_after");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_blogs_delete_after",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "delete_after",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "blogs");

            migrationBuilder.DropColumn(
                name: "suspension_reason",
                table: "blogs");
        }
    }
}
