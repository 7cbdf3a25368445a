using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SimilarBuilds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "similar_builds",
                columns: table => new
                {
                    blog_id = table.Column<int>(type: "INTEGER", nullable: false),
                    read_up_to_update = table.Column<DateTime>(type: "TEXT", nullable: true),
                    read_up_to_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_similar_builds", x => x.blog_id);
                    table.ForeignKey(
                        name: "fk_similar_builds_blogs_blog_id",
                        column: x => x.blog_id,
                        principalTable: "blogs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "similar_builds");
        }
    }
}
