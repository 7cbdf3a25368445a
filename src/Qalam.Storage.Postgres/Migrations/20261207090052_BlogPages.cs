using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Qalam.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BlogPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "blog_pages",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    blog_id = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body_markdown = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    body_html = table.Column<string>(type: "text", nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    author_id = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blog_pages", x => x.id);
                    table.ForeignKey(
                        name: "fk_blog_pages_blog_pages_parent_id",
                        column: x => x.parent_id,
                        principalTable: "blog_pages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_blog_pages_blogs_blog_id",
                        column: x => x.blog_id,
                        principalTable: "blogs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "blog_page_slug_redirects",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    blog_id = table.Column<int>(type: "integer", nullable: false),
                    slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    page_id = table.Column<int>(type: "integer", nullable: false),
                    from_post = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blog_page_slug_redirects", x => x.id);
                    table.ForeignKey(
                        name: "fk_blog_page_slug_redirects_blog_pages_page_id",
                        column: x => x.page_id,
                        principalTable: "blog_pages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_blog_page_slug_redirects_blogs_blog_id",
                        column: x => x.blog_id,
                        principalTable: "blogs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_blog_page_slug_redirects_blog_id_from_post_slug",
                table: "blog_page_slug_redirects",
                columns: new[] { "blog_id", "from_post", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_blog_page_slug_redirects_page_id",
                table: "blog_page_slug_redirects",
                column: "page_id");

            migrationBuilder.CreateIndex(
                name: "ix_blog_pages_blog_id_parent_id",
                table: "blog_pages",
                columns: new[] { "blog_id", "parent_id" });

            migrationBuilder.CreateIndex(
                name: "ix_blog_pages_blog_id_slug",
                table: "blog_pages",
                columns: new[] { "blog_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_blog_pages_parent_id",
                table: "blog_pages",
                column: "parent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blog_page_slug_redirects");

            migrationBuilder.DropTable(
                name: "blog_pages");
        }
    }
}
