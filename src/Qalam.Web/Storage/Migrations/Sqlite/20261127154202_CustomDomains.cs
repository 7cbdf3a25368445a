using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "blog_domains",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    blog_id = table.Column<int>(type: "INTEGER", nullable: false),
                    host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    verified_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    checked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    problem = table.Column<int>(type: "INTEGER", nullable: false),
                    is_primary = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blog_domains", x => x.id);
                    table.ForeignKey(
                        name: "fk_blog_domains_blogs_blog_id",
                        column: x => x.blog_id,
                        principalTable: "blogs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_blog_domains_blog_id",
                table: "blog_domains",
                column: "blog_id");

            migrationBuilder.CreateIndex(
                name: "ix_blog_domains_host",
                table: "blog_domains",
                column: "host",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blog_domains");
        }
    }
}
